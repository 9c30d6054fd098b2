import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fetchPage, type Page, type Pagination } from '../pagination';
import { OAuth2ClientEntity } from './oauth2-client.entity';
import { OAuth2SessionEntity } from './oauth2-session.entity';

/** The grant types a client row can hold (`grant_type_*` columns). */
export type ClientGrantType =
  | 'authorization_code'
  | 'refresh_token'
  | 'client_credentials'
  | 'urn:ietf:params:oauth:grant-type:device_code';

const GRANT_COLUMNS: Record<ClientGrantType, string> = {
  authorization_code: 'grantTypeAuthorizationCode',
  refresh_token: 'grantTypeRefreshToken',
  client_credentials: 'grantTypeClientCredentials',
  'urn:ietf:params:oauth:grant-type:device_code': 'grantTypeDeviceCode',
};

/** The filters of the admin API's client list (MAS `OAuth2ClientFilter`). */
export interface OAuth2ClientListFilter {
  kind?: 'static' | 'dynamic';
  /** Case-insensitive substring of `client_name`. */
  clientName?: string;
  /** Case-insensitive substring of `client_uri`. */
  clientUri?: string;
  grantType?: ClientGrantType;
  hasActiveSessions?: boolean;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The admin API's reads of `oauth2_clients`. */
@Injectable()
export class OAuth2ClientAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of clients matching `filter` in id order; an empty page when none match. */
  list(filter: OAuth2ClientListFilter, page: Pagination): Promise<Page<OAuth2ClientEntity>> {
    return fetchPage(this.filtered(filter), 'c.id', page);
  }

  /** How many clients match `filter`. */
  count(filter: OAuth2ClientListFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(f: OAuth2ClientListFilter) {
    const qb = this.dataSource.manager.createQueryBuilder(OAuth2ClientEntity, 'c');
    if (f.kind !== undefined)
      qb.andWhere('c.isStatic = :isStatic', { isStatic: f.kind === 'static' });
    if (f.clientName !== undefined) {
      qb.andWhere("c.clientName ILIKE :clientName ESCAPE '\\'", {
        clientName: `%${escapeLike(f.clientName)}%`,
      });
    }
    if (f.clientUri !== undefined) {
      qb.andWhere("c.clientUri ILIKE :clientUri ESCAPE '\\'", {
        clientUri: `%${escapeLike(f.clientUri)}%`,
      });
    }
    if (f.grantType !== undefined) qb.andWhere(`c.${GRANT_COLUMNS[f.grantType]} = true`);
    if (f.hasActiveSessions !== undefined) {
      const sub = qb
        .subQuery()
        .select('1')
        .from(OAuth2SessionEntity, 's')
        .where('s.oauth2ClientId = c.id AND s.finishedAt IS NULL')
        .getQuery();
      qb.andWhere(`${f.hasActiveSessions ? '' : 'NOT '}EXISTS ${sub}`);
    }
    return qb;
  }
}
