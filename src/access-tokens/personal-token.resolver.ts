import { Injectable } from '@nestjs/common';
import { Clock, hashToken, TokenType } from '../core';
import {
  type PersonalAccessTokenWithContext,
  PersonalAccessTokenRepository,
} from '../storage/personal/personal-access-token.repository';
import { personalInactiveReason } from './personal-token-activity';
import { presentedTokenType } from './presented-token-type';

/** A usable personal access token with its session, actor and owner. */
export type ActivePersonalToken = Readonly<PersonalAccessTokenWithContext>;

/** Turns a presented `mpt_` personal access token into its session, actor and owner. */
@Injectable()
export class PersonalTokenResolver {
  constructor(
    private readonly clock: Clock,
    private readonly tokens: PersonalAccessTokenRepository,
  ) {}

  /**
   * The usable personal token `raw` names, or null when it is malformed, another kind,
   * unknown, revoked, expired, of a revoked session, of a locked or deactivated actor, or of a
   * locked or deactivated owner user. One indexed query. `now` defaults to the clock.
   */
  async resolve(raw: string, now: Date = this.clock.now()): Promise<ActivePersonalToken | null> {
    const parsed = presentedTokenType(raw);
    if (parsed?.type !== TokenType.PersonalAccessToken) return null;
    const found = await this.tokens.findByHashWithContext(hashToken(raw));
    if (!found || personalInactiveReason(found, now) !== null) return null;
    return found;
  }
}
