import type { SignInRequirements } from '../authorize/checks/prompt.check';

/**
 * Whether the browser session must authenticate again before consent (OIDC Core §3.1.2.1):
 * `prompt=login` or `select_account` want an authentication made after the request was
 * received; `max_age` wants one at most that many seconds old. An authentication made after
 * the request always satisfies both (so `max_age=0` behaves like `prompt=login`).
 */
export function needsFreshSignIn(
  requirements: SignInRequirements,
  requestedAt: Date,
  lastAuthenticatedAt: Date | null,
  now: Date,
): boolean {
  const wantsNew =
    requirements.prompt.includes('login') || requirements.prompt.includes('select_account');
  if (!wantsNew && requirements.maxAge === null) return false;
  if (lastAuthenticatedAt === null) return true;
  if (lastAuthenticatedAt.getTime() >= requestedAt.getTime()) return false;
  if (wantsNew) return true;
  return now.getTime() - lastAuthenticatedAt.getTime() > (requirements.maxAge ?? 0) * 1000;
}
