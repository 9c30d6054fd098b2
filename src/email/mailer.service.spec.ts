import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrandingConfig, EmailConfig, HttpConfig } from '../config';
import { BUILTIN_TRANSLATIONS_DIR, TemplateRenderer, Translations } from '../templates';
import type { MailEnvelope, OutgoingMail } from './mail-message';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { Mailer } from './mailer.service';

/** A transport that keeps what it was handed. */
class KeepingTransport extends MailTransport {
  readonly delivered: MailEnvelope[] = [];

  deliver(mail: MailEnvelope): Promise<void> {
    this.delivered.push(mail);
    return Promise.resolve();
  }
}

function mailer(branding: Partial<BrandingConfig> = {}) {
  const missing: string[] = [];
  const renderer = new TemplateRenderer(
    new Translations({
      dirs: [BUILTIN_TRANSLATIONS_DIR],
      onMissingKey: (locale, key) => missing.push(`${locale}:${key}`),
    }),
  );
  const http = { publicBaseUrl: 'https://auth.example.test/' } as HttpConfig;
  const email = Object.assign(new EmailConfig(), {
    from: 'Auth <auth@example.test>',
    reply_to: 'Help <help@example.test>',
  });
  const transport = new KeepingTransport();
  const mails = new Mailer(
    new MailRenderer(renderer, Object.assign(new BrandingConfig(), branding), http),
    transport,
    email,
  );
  return { mails, transport, missing };
}

const RECOVERY: OutgoingMail = {
  template: 'recovery',
  to: 'alice@mail.test',
  locale: 'en',
  context: {
    username: 'alice',
    mxid: '@alice:example.test',
    link: 'https://auth.example.test/account/password/recovery?ticket=T&x=<b>',
    minutes: 10,
  },
};

describe('Mailer', () => {
  it('should render the recovery mail as text and HTML with the configured addresses', async () => {
    const { mails, transport, missing } = mailer();
    await mails.send(RECOVERY);
    const [sent] = transport.delivered;
    assert.equal(sent.from, 'Auth <auth@example.test>');
    assert.equal(sent.replyTo, 'Help <help@example.test>');
    assert.equal(sent.to, 'alice@mail.test');
    assert.equal(sent.template, 'recovery');
    assert.equal(sent.subject, 'Reset your password on auth.example.test');
    assert.match(sent.text, /^Hello @alice:example\.test,$/m);
    assert.match(
      sent.text,
      /^https:\/\/auth\.example\.test\/account\/password\/recovery\?ticket=T&x=<b>$/m,
    );
    assert.match(sent.text, /valid for 10 minutes and works only once/);
    assert.match(
      sent.html,
      /href="https:\/\/auth\.example\.test\/account\/password\/recovery\?ticket=T&amp;x=&lt;b&gt;"/,
    );
    assert.doesNotMatch(sent.html, /<b>/);
    assert.deepEqual(missing, []);
  });

  it('should translate the mail into its locale and name the configured service', async () => {
    const { mails, transport } = mailer({ service_name: 'Example Chat' });
    await mails.send({ ...RECOVERY, locale: 'fr', context: { ...RECOVERY.context, minutes: 1 } });
    const [sent] = transport.delivered;
    assert.equal(sent.subject, 'Réinitialisez votre mot de passe sur Example Chat');
    assert.match(sent.text, /Bonjour @alice:example\.test,/);
    assert.match(sent.text, /valable 1 minute et/);
    assert.match(sent.html, /<html lang="fr">/);
  });
});
