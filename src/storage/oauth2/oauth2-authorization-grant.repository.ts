import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { OAuth2AuthorizationGrantEntity } from './oauth2-authorization-grant.entity';

export type NewAuthorizationGrant = Pick<
  OAuth2AuthorizationGrantEntity,
  | 'id'
  | 'oauth2ClientId'
  | 'redirectUri'
  | 'scope'
  | 'state'
  | 'nonce'
  | 'responseMode'
  | 'codeChallengeMethod'
  | 'codeChallenge'
  | 'responseTypeCode'
  | 'responseTypeIdToken'
  | 'createdAt'
  | 'loginHint'
  | 'locale'
  | 'rawParameters'
>;

/** Authorization requests (`oauth2_authorization_grants`); codes are stored as SHA-256. */
@Injectable()
export class OAuth2AuthorizationGrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(grant: NewAuthorizationGrant, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(OAuth2AuthorizationGrantEntity, {
      ...grant,
      rawParameters: grant.rawParameters as object,
    });
  }

  /** The grant with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<OAuth2AuthorizationGrantEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2AuthorizationGrantEntity, { id });
  }

  /** The grant whose code has this hash, or null when there is none. */
  findByCodeHash(codeSha256: Buffer, tx?: Tx): Promise<OAuth2AuthorizationGrantEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(OAuth2AuthorizationGrantEntity, {
      authorizationCodeSha256: codeSha256,
    });
  }

  /**
   * Pending → Fulfilled: binds the browser session and stores the code's hash. False when the
   * grant was already fulfilled or cancelled.
   */
  async fulfill(
    id: string,
    userSessionId: string,
    codeSha256: Buffer,
    now: Date,
    tx?: Tx,
  ): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AuthorizationGrantEntity,
      { id, fulfilledAt: IsNull(), cancelledAt: IsNull() },
      { fulfilledAt: now, userSessionId, authorizationCodeSha256: codeSha256 },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Pending → Cancelled (the person declined). False when it was no longer pending. */
  async cancel(id: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AuthorizationGrantEntity,
      { id, fulfilledAt: IsNull(), cancelledAt: IsNull() },
      { cancelledAt: now },
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * Fulfilled → Exchanged, recording the OAuth session it created. False when it was exchanged
   * meanwhile: of two racing redemptions of one code exactly one wins (RFC 6749 §4.1.2).
   */
  async exchange(id: string, sessionId: string, now: Date, tx?: Tx): Promise<boolean> {
    const r = await managerOf(tx, this.dataSource).update(
      OAuth2AuthorizationGrantEntity,
      { id, fulfilledAt: Not(IsNull()), exchangedAt: IsNull() },
      { exchangedAt: now, oauth2SessionId: sessionId },
    );
    return (r.affected ?? 0) > 0;
  }
}
