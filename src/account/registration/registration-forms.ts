import type { RegistrationForm } from '../../registration';

/** Anything that is not a single string counts as empty. */
function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function fieldsOf(body: unknown): Record<string, unknown> {
  return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
}

/** `POST /register/password`. */
export function parseRegistrationForm(body: unknown): RegistrationForm {
  const b = fieldsOf(body);
  const next = field(b.next);
  return {
    username: field(b.username).trim(),
    email: field(b.email).trim(),
    password: field(b.password),
    passwordConfirm: field(b.password_confirm),
    acceptTerms: field(b.accept_terms) === '1',
    next: next === '' ? null : next,
  };
}

/** A step form: its action (`resend`, `skip`, or the default submit) and its one value. */
export interface StepForm {
  action: string;
  value: string;
}

export function parseStepForm(body: unknown, name: string): StepForm {
  const b = fieldsOf(body);
  return { action: field(b.action), value: field(b[name]) };
}
