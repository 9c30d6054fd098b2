import { type AuthorizationParams, param } from '../authorization-params';
import { type CheckFailure, fail } from './check-failure';

/**
 * The prompt values honoured (OIDC Core §3.1.2.1), advertised as `prompt_values_supported`.
 * `create` (Initiating User Registration via OIDC 1.0 §4) is honoured and advertised only while
 * password registration is on; otherwise it is refused like any unsupported value, as that
 * spec asks.
 */
export const PROMPT_VALUES = ['none', 'login', 'consent', 'select_account', 'create'] as const;
export type Prompt = (typeof PROMPT_VALUES)[number];

/** The prompt values honoured with or without registration. */
export function promptValues(registrationEnabled: boolean): Prompt[] {
  return PROMPT_VALUES.filter((p) => registrationEnabled || p !== 'create');
}

/** What the request asks of the sign-in: prompts and the maximum authentication age. */
export interface SignInRequirements {
  prompt: Prompt[];
  /** Seconds; null when not given. */
  maxAge: number | null;
}

export type PromptResult =
  { ok: true; requirements: SignInRequirements } | { ok: false; failure: CheckFailure };

function isPrompt(value: string): value is Prompt {
  return (PROMPT_VALUES as readonly string[]).includes(value);
}

/**
 * Reads `prompt` and `max_age` (OIDC Core §3.1.2.1): `none` cannot be combined with another
 * value; `max_age` is a non-negative integer number of seconds.
 */
export function checkPrompt(
  params: AuthorizationParams,
  registrationEnabled = false,
): PromptResult {
  const supported: readonly string[] = promptValues(registrationEnabled);
  const values = [...new Set((param(params, 'prompt') ?? '').split(' ').filter((v) => v !== ''))];
  for (const value of values) {
    if (!isPrompt(value) || !supported.includes(value)) {
      return { ok: false, failure: fail('invalid_request', `prompt '${value}' is not supported`) };
    }
  }
  // Initiating User Registration via OIDC 1.0 §4: `create` is not combined with `none`.
  if (values.includes('none') && values.length > 1) {
    return {
      ok: false,
      failure: fail('invalid_request', "prompt 'none' cannot be combined with other values"),
    };
  }
  const rawMaxAge = param(params, 'max_age');
  let maxAge: number | null = null;
  if (rawMaxAge !== undefined) {
    if (!/^\d{1,10}$/.test(rawMaxAge)) {
      return {
        ok: false,
        failure: fail('invalid_request', 'max_age must be a non-negative integer of seconds'),
      };
    }
    maxAge = Number(rawMaxAge);
  }
  return { ok: true, requirements: { prompt: values as Prompt[], maxAge } };
}
