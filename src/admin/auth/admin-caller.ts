import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who is calling the admin API (MAS call_context.rs `CallerSession`). */
export type AdminCaller =
  | {
      kind: 'oauth2';
      sessionId: string;
      clientId: string;
      /** Null for a client_credentials session. */
      userId: string | null;
      scope: string[];
    }
  | { kind: 'personal'; sessionId: string; actorUserId: string; scope: string[] };

/** The owner a personal session created by `caller` gets (MAS `personal_session_owner_from_caller`). */
export function personalOwnerOf(caller: AdminCaller): { userId: string } | { clientId: string } {
  if (caller.kind === 'personal') return { userId: caller.actorUserId };
  return caller.userId !== null ? { userId: caller.userId } : { clientId: caller.clientId };
}

export const ADMIN_CALLER = Symbol('adminCaller');

type CallerCarrier = { [ADMIN_CALLER]?: AdminCaller };

export function attachCaller(req: object, caller: AdminCaller): void {
  (req as CallerCarrier)[ADMIN_CALLER] = caller;
}

/** The caller the admin guard authenticated. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const caller = ctx.switchToHttp().getRequest<CallerCarrier>()[ADMIN_CALLER];
  if (!caller) throw new Error('admin route without the admin guard');
  return caller;
});
