import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ulid } from 'ulid';
import { JobsEngine, type JobsLog } from '../../src/jobs/jobs-engine';
import { runCli, startCli } from '../setup/run-cli';
import { writeTempFiles } from '../setup/test-config';
import { databaseSectionForProcess } from '../setup/test-database-config';
import { serverUrl } from '../setup/test-database';
import { waitFor } from '../setup/wait-for';

const LOOPBACK_LISTENER = `
http:
  public_base: http://127.0.0.1/
  listeners:
    - name: web
      resources: [{ name: discovery }, { name: health }]
      binds: [{ host: 127.0.0.1, port: 0 }]
`;

const silent: JobsLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('mas-ts server --no-worker and worker', () => {
  it(
    'should split web and worker on PostgreSQL: `server --no-worker` runs no job, `worker` runs them and stops on SIGTERM',
    { skip: serverUrl() === undefined && 'needs PostgreSQL (DATABASE_URL)' },
    async () => {
      const db = await databaseSectionForProcess();
      const files = writeTempFiles(
        runCli(['config', 'generate']).stdout,
        LOOPBACK_LISTENER,
        db.yaml,
      );
      const args = files.flatMap((f) => ['-c', f]);
      const engine = new JobsEngine(
        {
          access: { kind: 'server', pool: { connectionString: db.uri } },
          worker: false,
          migrate: false,
        },
        silent,
      );
      try {
        const migrate = runCli([...args, 'database', 'migrate']);
        assert.equal(migrate.status, 0, migrate.stderr);

        const web = startCli([...args, 'server', '--no-worker']);
        const [bind] = await web.ready;
        try {
          assert.equal((await fetch(`http://${bind}/health`)).status, 200);
          // stdout (the JSON log) and stderr (the ready line) are separate pipes.
          await waitFor('the ready log line', () => /"worker":false/.test(web.output()));
          assert.doesNotMatch(web.output(), /working \d+ job queues/);

          await engine.start();
          const userId = ulid();
          const id = await engine.pgBoss.send('sync-devices', { userId }, { singletonKey: userId });
          assert.ok(id);

          const worker = startCli([...args, 'worker'], { readyPattern: /mas-ts worker is ready/ });
          await worker.ready;
          try {
            await waitFor('the workers log line', () =>
              /working \d+ job queues/.test(worker.output()),
            );
            const done = await waitFor('the worker to run the job', async () => {
              const job = await engine.pgBoss.getJobById('sync-devices', id);
              return job?.state === 'completed' ? job : undefined;
            });
            assert.deepEqual(done.output, { skipped: 'unknown or deactivated user' });
          } finally {
            assert.equal(await worker.stop(), 0, worker.output());
          }
        } finally {
          assert.equal(await web.stop(), 0, web.output());
        }
      } finally {
        await engine.stop();
        await db.drop();
      }
    },
  );

  it(
    'should refuse to split web and worker on the embedded database, naming the fix',
    { skip: serverUrl() !== undefined && 'runs on the embedded database (no DATABASE_URL)' },
    async () => {
      const db = await databaseSectionForProcess();
      const files = writeTempFiles(
        runCli(['config', 'generate']).stdout,
        LOOPBACK_LISTENER,
        db.yaml,
      );
      const args = files.flatMap((f) => ['-c', f]);
      for (const command of [['worker'], ['server', '--no-worker']]) {
        const r = runCli([...args, ...command]);
        assert.equal(r.status, 1, r.stdout + r.stderr);
        assert.match(
          r.stderr,
          /^error: the embedded database \(PGlite\) serves a single process.*database\.uri/m,
        );
      }
      await db.drop();
    },
  );

  it(
    'should refuse to run a worker on a database that was never migrated',
    { skip: serverUrl() === undefined && 'needs PostgreSQL (DATABASE_URL)' },
    async () => {
      const db = await databaseSectionForProcess();
      try {
        const files = writeTempFiles(runCli(['config', 'generate']).stdout, db.yaml);
        const r = runCli([...files.flatMap((f) => ['-c', f]), 'worker']);
        assert.equal(r.status, 1);
        assert.match(
          r.stderr,
          /^error: the database schema is not up to date; run `mas-ts database migrate` first$/m,
        );
      } finally {
        await db.drop();
      }
    },
  );
});
