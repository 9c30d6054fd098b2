import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { UserAdministration } from '../../../users/user-administration.service';
import { withManageApp } from './manage-app';

/** Reports progress: a bar on a terminal, a line per page otherwise (logs, CI). */
function progressReporter(total: number): { update(queued: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: 'queueing provisioning jobs [{bar}] {value}/{total} users',
      hideCursor: true,
    });
    bar.start(total, 0);
    return { update: (queued) => bar.update(Math.min(queued, total)), stop: () => bar.stop() };
  }
  return {
    update: (queued) => process.stderr.write(`queued ${queued} of ${total} users\n`),
    stop: () => {},
  };
}

/**
 * `manage provision-all-users` (MAS `ProvisionAllUsers`): queues a `provision-user` job for
 * every user, so the homeserver gets each one's current state (creation, lock, emails, display
 * name) from the server's or a worker's job runners.
 */
export function registerProvisionAllUsersCommand(manage: Command): void {
  manage
    .command('provision-all-users')
    .description('Queue a homeserver provisioning job for every user')
    .action(async (_opts: unknown, cmd: Command) => {
      await withManageApp(cmd, async (app) => {
        const admin = app.get(UserAdministration);
        const progress = progressReporter(await admin.count());
        try {
          const queued = await admin.provisionAll((n) => progress.update(n));
          progress.stop();
          process.stdout.write(`queued provisioning of ${queued} user(s)\n`);
        } catch (error) {
          progress.stop();
          throw error;
        }
      });
    });
}
