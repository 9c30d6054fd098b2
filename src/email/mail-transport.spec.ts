import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import { EmailConfig } from '../config';
import { MailDeliveryError } from './mail-errors';
import type { MailEnvelope } from './mail-message';
import { BlackholeTransport, createMailTransport, NodemailerTransport } from './mail-transport';

const MAIL: MailEnvelope = {
  template: 'recovery',
  from: 'Auth <auth@example.test>',
  replyTo: 'help@example.test',
  to: 'alice@mail.test',
  subject: 'Reset',
  text: 'secret link https://auth.example.test/?ticket=SECRET',
  html: '<p>secret link</p>',
};

describe('mail transports', () => {
  after(() => {
    Logger.overrideLogger(false);
  });

  it('should drop mails in blackhole mode, logging at debug that one was dropped, not its content', async () => {
    const lines: { level: string; message: string }[] = [];
    const record =
      (level: string) =>
      (message: unknown): void => {
        lines.push({ level, message: String(message) });
      };
    const logger: LoggerService = {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
      verbose: record('verbose'),
    };
    Logger.overrideLogger(logger);
    const transport = createMailTransport(new EmailConfig());
    assert.ok(transport instanceof BlackholeTransport);
    await transport.deliver(MAIL);
    assert.deepEqual(
      lines.map((l) => l.level),
      ['debug'],
    );
    assert.match(lines[0].message, /dropped a recovery mail/);
    assert.doesNotMatch(lines[0].message, /SECRET|alice|Reset/);
  });

  it('should pipe the message to the sendmail command with the recipients as arguments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-sendmail-'));
    const script = join(dir, 'fake-sendmail');
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/message"\n`,
    );
    chmodSync(script, 0o755);
    const config = Object.assign(new EmailConfig(), { transport: 'sendmail', command: script });
    const transport = createMailTransport(config);
    assert.ok(transport instanceof NodemailerTransport);
    await transport.deliver(MAIL);
    const args = readFileSync(join(dir, 'args'), 'utf8').trim().split('\n');
    assert.ok(args.includes('alice@mail.test'), args.join(' '));
    assert.ok(args.includes('auth@example.test'), 'the envelope sender is from');
    const message = readFileSync(join(dir, 'message'), 'utf8');
    assert.match(message, /^Subject: Reset$/m);
    assert.match(message, /^Reply-To: help@example\.test$/m);
  });

  it('should report a sendmail command that fails as a retryable delivery error', async () => {
    const config = Object.assign(new EmailConfig(), {
      transport: 'sendmail',
      command: '/nonexistent/sendmail',
    });
    await assert.rejects(
      createMailTransport(config).deliver(MAIL),
      (error: unknown) => error instanceof MailDeliveryError && error.transient,
    );
  });
});
