import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A fresh 32-byte hash, as the token columns hold. */
const hash = () => createHash('sha256').update(randomBytes(32)).digest();

/**
 * Rows for the retention tests, inserted with raw SQL so that every timestamp is explicit.
 * Ids are fresh UUIDs; each method returns the id of the row it inserted.
 */
export class RetentionRows {
  constructor(private readonly ds: DataSource) {}

  private async insert(table: string, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    await this.ds.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`,
      Object.values(values),
    );
  }

  /** Ids of `table` that still exist, among `ids`. */
  async remaining(table: string, idColumn: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT ${idColumn}::text AS id FROM ${table} WHERE ${idColumn} = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => r.id).sort();
  }

  async user(): Promise<string> {
    const id = randomUUID();
    await this.insert('users', { user_id: id, username: `u-${id}`, created_at: new Date() });
    return id;
  }

  async client(o: { isStatic?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_clients', {
      oauth2_client_id: id,
      grant_type_authorization_code: true,
      grant_type_refresh_token: true,
      is_static: o.isStatic ?? false,
    });
    return id;
  }

  async userSession(
    userId: string,
    o: { finishedAt?: Date | null; lastActiveAt?: Date | null; ip?: string | null } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('user_sessions', {
      user_session_id: id,
      user_id: userId,
      created_at: new Date(0),
      finished_at: o.finishedAt ?? null,
      last_active_at: o.lastActiveAt ?? null,
      last_active_ip: o.ip ?? null,
    });
    return id;
  }

  async userSessionAuthentication(userSessionId: string): Promise<string> {
    const id = randomUUID();
    await this.insert('user_session_authentications', {
      user_session_authentication_id: id,
      user_session_id: userSessionId,
      created_at: new Date(0),
    });
    return id;
  }

  async oauth2Session(
    clientId: string,
    userId: string,
    o: {
      finishedAt?: Date | null;
      lastActiveAt?: Date | null;
      ip?: string | null;
      userSessionId?: string;
    } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_sessions', {
      oauth2_session_id: id,
      oauth2_client_id: clientId,
      user_id: userId,
      scope_list: ['openid'],
      created_at: new Date(0),
      finished_at: o.finishedAt ?? null,
      last_active_at: o.lastActiveAt ?? null,
      last_active_ip: o.ip ?? null,
      user_session_id: o.userSessionId ?? null,
    });
    return id;
  }

  async accessToken(
    sessionId: string,
    o: { revokedAt?: Date | null; expiresAt?: Date | null } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_access_tokens', {
      oauth2_access_token_id: id,
      oauth2_session_id: sessionId,
      access_token_sha256: hash(),
      created_at: new Date(0),
      expires_at: o.expiresAt ?? null,
      revoked_at: o.revokedAt ?? null,
    });
    return id;
  }

  async refreshToken(
    sessionId: string,
    o: { revokedAt?: Date | null; consumedAt?: Date | null; accessTokenId?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_refresh_tokens', {
      oauth2_refresh_token_id: id,
      oauth2_session_id: sessionId,
      oauth2_access_token_id: o.accessTokenId ?? null,
      refresh_token_sha256: hash(),
      created_at: new Date(0),
      consumed_at: o.consumedAt ?? null,
      revoked_at: o.revokedAt ?? null,
    });
    return id;
  }

  async authorizationGrant(
    clientId: string,
    createdAt: Date,
    o: { sessionId?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_authorization_grants', {
      oauth2_authorization_grant_id: id,
      oauth2_client_id: clientId,
      oauth2_session_id: o.sessionId ?? null,
      redirect_uri: 'https://app.example.com/cb',
      scope: 'openid',
      response_mode: 'query',
      response_type_code: true,
      response_type_id_token: false,
      created_at: createdAt,
    });
    return id;
  }

  async deviceCodeGrant(
    clientId: string,
    createdAt: Date,
    o: { userSessionId?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('oauth2_device_code_grant', {
      oauth2_device_code_grant_id: id,
      oauth2_client_id: clientId,
      scope: 'openid',
      user_code_sha256: hash(),
      device_code_sha256: hash(),
      created_at: createdAt,
      expires_at: createdAt,
      user_session_id: o.userSessionId ?? null,
    });
    return id;
  }

  /** A compat session with one access token and one refresh token. */
  async compatSession(
    userId: string,
    o: {
      finishedAt?: Date | null;
      lastActiveAt?: Date | null;
      ip?: string | null;
      userSessionId?: string;
    } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('compat_sessions', {
      compat_session_id: id,
      user_id: userId,
      device_id: 'DEVICE',
      created_at: new Date(0),
      finished_at: o.finishedAt ?? null,
      last_active_at: o.lastActiveAt ?? null,
      last_active_ip: o.ip ?? null,
      user_session_id: o.userSessionId ?? null,
    });
    const access = randomUUID();
    await this.insert('compat_access_tokens', {
      compat_access_token_id: access,
      compat_session_id: id,
      access_token_sha256: hash(),
      created_at: new Date(0),
    });
    await this.insert('compat_refresh_tokens', {
      compat_refresh_token_id: randomUUID(),
      compat_session_id: id,
      compat_access_token_id: access,
      refresh_token_sha256: hash(),
      created_at: new Date(0),
    });
    return id;
  }

  async upstreamProvider(): Promise<string> {
    const id = randomUUID();
    await this.insert('upstream_oauth_providers', {
      upstream_oauth_provider_id: id,
      scope: 'openid',
      client_id: 'mas',
      token_endpoint_auth_method: 'none',
      created_at: new Date(0),
    });
    return id;
  }

  async upstreamLink(providerId: string, createdAt: Date, userId: string | null): Promise<string> {
    const id = randomUUID();
    await this.insert('upstream_oauth_links', {
      upstream_oauth_link_id: id,
      upstream_oauth_provider_id: providerId,
      user_id: userId,
      subject: id,
      created_at: createdAt,
    });
    return id;
  }

  async upstreamSession(
    providerId: string,
    createdAt: Date,
    o: { userSessionId?: string; linkId?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.insert('upstream_oauth_authorization_sessions', {
      upstream_oauth_authorization_session_id: id,
      upstream_oauth_provider_id: providerId,
      upstream_oauth_link_id: o.linkId ?? null,
      state: id,
      created_at: createdAt,
      user_session_id: o.userSessionId ?? null,
    });
    return id;
  }

  async registration(createdAt: Date): Promise<string> {
    const id = randomUUID();
    await this.insert('user_registrations', {
      user_registration_id: id,
      username: `r-${id}`,
      created_at: createdAt,
    });
    return id;
  }

  async recoverySession(createdAt: Date): Promise<string> {
    const id = randomUUID();
    await this.insert('user_recovery_sessions', {
      user_recovery_session_id: id,
      email: 'someone@example.org',
      user_agent: 'test',
      locale: 'en',
      created_at: createdAt,
    });
    return id;
  }

  async emailAuthentication(createdAt: Date, o: { registrationId?: string } = {}): Promise<string> {
    const id = randomUUID();
    await this.insert('user_email_authentications', {
      user_email_authentication_id: id,
      email: 'someone@example.org',
      created_at: createdAt,
      user_registration_id: o.registrationId ?? null,
    });
    return id;
  }

  /** A client assertion `jti` (the client's id stands in for a key column). */
  async assertionJti(clientId: string, expiresAt: Date): Promise<string> {
    const jti = randomUUID();
    await this.insert('oauth2_client_assertion_jtis', {
      oauth2_client_id: clientId,
      jti,
      expires_at: expiresAt,
      created_at: new Date(0),
    });
    return jti;
  }
}
