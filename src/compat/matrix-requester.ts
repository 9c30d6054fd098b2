import { Injectable } from '@nestjs/common';
import { AccessTokenResolver, CompatTokenResolver } from '../access-tokens';
import { missingToken, unknownToken } from './matrix-error';

/** Who made an authenticated Matrix request, and through which session. */
export type MatrixRequester =
  | { kind: 'compat'; userId: string; sessionId: string }
  | { kind: 'oauth2'; userId: string; sessionId: string };

/** C-S spec "Using access tokens": the `Bearer` header, or the deprecated `access_token` query. */
export function presentedMatrixToken(
  authorization: string | undefined,
  queryToken: unknown,
): string {
  if (authorization !== undefined) {
    const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  if (typeof queryToken === 'string' && queryToken !== '') return queryToken;
  throw missingToken();
}

/**
 * Turns the access token of a request to the compat paths into its session: a compat token
 * (`mct_`, imported `syt_`), or an OAuth 2.0 access token of a user, since a client signed in
 * through OAuth may still call `/logout`. 401 `M_MISSING_TOKEN` without a token, 401
 * `M_UNKNOWN_TOKEN` for one that is not active.
 */
@Injectable()
export class MatrixRequesters {
  constructor(
    private readonly compatTokens: CompatTokenResolver,
    private readonly accessTokens: AccessTokenResolver,
  ) {}

  async resolve(authorization: string | undefined, queryToken: unknown): Promise<MatrixRequester> {
    const raw = presentedMatrixToken(authorization, queryToken);
    const compat = await this.compatTokens.resolve(raw);
    if (compat?.kind === 'access_token') {
      return { kind: 'compat', userId: compat.user.id, sessionId: compat.session.id };
    }
    const oauth = compat ? null : await this.accessTokens.resolve(raw);
    if (oauth?.user) return { kind: 'oauth2', userId: oauth.user.id, sessionId: oauth.session.id };
    throw unknownToken();
  }
}
