import type { TemplateContext } from '../template-renderer';

/** Sample contexts of the registration and email pages (src/account/registration, src/account/emails). */
export const REGISTRATION_SAMPLES: Record<string, TemplateContext[]> = {
  'register.njk': [
    ...[
      {},
      { form: 'rate_limited' },
      { form: 'captcha' },
      { form: 'captcha_unavailable' },
      { form: 'policy_denied' },
      ...['required', 'username-too-short', 'username-too-long', 'username-invalid-chars']
        .concat(['username-all-numeric', 'username-banned', 'username-not-allowed', 'taken'])
        .concat(['unavailable', 'homeserver_error'])
        .map((username) => ({ username })),
      ...['required', 'invalid', 'email-domain-not-allowed', 'email-domain-banned']
        .concat(['email-not-allowed', 'email-banned', 'rate_limited'])
        .map((email) => ({ email })),
      { password: 'required', terms: 'required' },
      { password: 'too_weak' },
      { password_confirm: 'mismatch' },
    ].map((errors, i) => ({
      form: {
        username: 'alice<',
        email: 'a@mail.test',
        next: i % 2 === 0 ? null : '/consent/1',
        accept_terms: i % 2 === 0,
        errors,
        retry_after: 'form' in errors || 'email' in errors ? 30 : null,
        password_score: 'password' in errors ? i % 5 : null,
      },
      email_required: i % 2 === 0,
      tos_uri: i % 2 === 0 ? 'https://example.test/tos' : null,
      captcha:
        i % 3 === 0
          ? {
              service: 'hcaptcha',
              site_key: 'k<ey>',
              script_url: 'https://js.hcaptcha.com/1/api.js',
            }
          : null,
      login_url: '/login',
    })),
  ],
  'register-verify-email.njk': [
    null,
    'wrong_code',
    'expired',
    'too_many_attempts',
    'resend_rate_limited',
  ].map((error, i) => ({
    action: '/register/steps/01J/verify-email',
    email: 'alice@mail.test',
    minutes: 10,
    error,
    resent: i === 0,
    retry_after: i >= 3 ? 60 : null,
  })),
  'register-token.njk': [null, 'required', 'invalid', 'expired', 'revoked', 'used_up'].map(
    (error) => ({ action: '/register/steps/01J/token', error }),
  ),
  'register-display-name.njk': [null, 'too_long'].map((error) => ({
    action: '/register/steps/01J/display-name',
    username: 'alice',
    display_name: 'Alice <',
    max_length: 256,
    error,
  })),
  'registration-disabled.njk': [{}],
  'registration-invalid.njk': [
    'unknown',
    'expired',
    'completed',
    'email_in_use',
    'taken',
    'unavailable',
    'homeserver_error',
  ].map((reason) => ({ reason })),
  'account-emails.njk': [
    ...[
      null,
      'invalid',
      'already_added',
      'unknown_email',
      'email-domain-banned',
      'rate_limited',
    ].map((error) => ({
      emails: [{ id: '01J', email: 'alice@mail.test' }],
      can_change: true,
      form: { email: 'x<', error, retry_after: error === 'rate_limited' ? 30 : null },
    })),
    {
      emails: [],
      can_change: false,
      form: { email: '', error: 'not_allowed', retry_after: null },
    },
  ],
  'account-email-verify.njk': [null, 'wrong_code', 'too_many_attempts'].map((error, i) => ({
    action: '/account/emails/01J/verify',
    email: 'alice@mail.test',
    minutes: 10,
    error,
    resent: i === 0,
    retry_after: error === 'too_many_attempts' ? 60 : null,
  })),
  'account-email-in-use.njk': [{ email: 'alice@mail.test' }],
  'account-email-invalid.njk': [{}],
};
