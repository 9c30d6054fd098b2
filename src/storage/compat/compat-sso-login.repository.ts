import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { CompatSsoLoginEntity } from './compat-sso-login.entity';

export interface NewCompatSsoLogin {
  id: string;
  redirectUri: string;
  /**
   * A hash that no login token has yet: the token is drawn only when the person confirms, so
   * the one shown to the client is never stored in clear (see {@link fulfill}).
   */
  placeholderSha256: Buffer;
  createdAt: Date;
}

/** Legacy SSO logins (`compat_sso_logins`): Pending → Fulfilled → Exchanged. */
@Injectable()
export class CompatSsoLoginRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(login: NewCompatSsoLogin, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(CompatSsoLoginEntity, {
      id: login.id,
      redirectUri: login.redirectUri,
      loginTokenSha256: login.placeholderSha256,
      createdAt: login.createdAt,
    });
  }

  /** The login with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<CompatSsoLoginEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(CompatSsoLoginEntity, { id });
  }

  /** The fulfilled login whose login token has this hash, or null when none has. */
  findFulfilledByTokenHash(tokenSha256: Buffer, tx?: Tx): Promise<CompatSsoLoginEntity | null> {
    return managerOf(tx, this.dataSource).findOneBy(CompatSsoLoginEntity, {
      loginTokenSha256: tokenSha256,
      fulfilledAt: Not(IsNull()),
    });
  }

  /**
   * Pending → Fulfilled: binds the browser session and the hash of the login token just drawn.
   * Returns false when the login was not pending (already fulfilled, or unknown).
   */
  async fulfill(
    id: string,
    change: { userSessionId: string; tokenSha256: Buffer; now: Date },
    tx?: Tx,
  ): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      CompatSsoLoginEntity,
      { id, fulfilledAt: IsNull() },
      {
        fulfilledAt: change.now,
        userSessionId: change.userSessionId,
        loginTokenSha256: change.tokenSha256,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Fulfilled → Exchanged, recording the compat session it created: a conditional UPDATE, so
   * a login token is spent exactly once even under racing requests. Returns false when it was
   * already exchanged (or is not fulfilled).
   */
  async markExchanged(id: string, compatSessionId: string, now: Date, tx?: Tx): Promise<boolean> {
    const result = await managerOf(tx, this.dataSource).update(
      CompatSsoLoginEntity,
      { id, fulfilledAt: Not(IsNull()), exchangedAt: IsNull() },
      { exchangedAt: now, compatSessionId },
    );
    return (result.affected ?? 0) > 0;
  }
}
