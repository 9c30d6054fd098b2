import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { OAuth2ClientEntity } from './oauth2-client.entity';

/** What the configuration says about one static client, ready to store. */
export interface StaticClientRow {
  id: string;
  encryptedClientSecret: string | null;
  tokenEndpointAuthMethod: string;
  clientName: string | null;
  clientUri: string | null;
  redirectUris: string[];
  jwks: unknown;
  jwksUri: string | null;
}

/** Reads and writes the static clients of `oauth2_clients` (`is_static = true`). */
@Injectable()
export class StaticClientRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every static client; an empty list when there are none. */
  listStatic(manager: EntityManager = this.dataSource.manager): Promise<OAuth2ClientEntity[]> {
    return manager.find(OAuth2ClientEntity, { where: { isStatic: true }, order: { id: 'ASC' } });
  }

  /** Ids among `ids` that exist as dynamic (non-static) clients. */
  async dynamicAmong(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await manager.find(OAuth2ClientEntity, {
      select: { id: true },
      where: { id: In(ids), isStatic: false },
    });
    return rows.map((r) => r.id);
  }

  /**
   * Inserts or overwrites a static client. Static clients may use every grant type (MAS
   * `upsert_static`), so all four grant flags are set.
   */
  async upsert(
    row: StaticClientRow,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.upsert(
      OAuth2ClientEntity,
      {
        id: row.id,
        encryptedClientSecret: row.encryptedClientSecret,
        tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
        clientName: row.clientName,
        clientUri: row.clientUri,
        redirectUris: row.redirectUris,
        jwks: (row.jwks ?? null) as object,
        jwksUri: row.jwksUri,
        grantTypeAuthorizationCode: true,
        grantTypeRefreshToken: true,
        grantTypeClientCredentials: true,
        grantTypeDeviceCode: true,
        isStatic: true,
      },
      { conflictPaths: ['id'] },
    );
  }

  /** Deletes the static clients with these ids; returns how many were deleted. */
  async deleteStatic(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await manager.delete(OAuth2ClientEntity, { id: In(ids), isStatic: true });
    return result.affected ?? 0;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
