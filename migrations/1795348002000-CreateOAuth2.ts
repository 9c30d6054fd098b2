import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OAuth 2.0 clients, sessions, grants and tokens (MAS `oauth2_*`). Every bearer secret is a
 * 32-byte SHA-256 (`*_sha256`); `registration_access_token_sha256` is new (RFC 7592).
 */
export class CreateOAuth21795348002000 implements MigrationInterface {
  name = 'CreateOAuth21795348002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oauth2_clients (
        oauth2_client_id uuid NOT NULL,
        encrypted_client_secret text,
        redirect_uris text[] NOT NULL DEFAULT '{}',
        grant_type_authorization_code boolean NOT NULL,
        grant_type_refresh_token boolean NOT NULL,
        grant_type_client_credentials boolean NOT NULL DEFAULT false,
        grant_type_device_code boolean NOT NULL DEFAULT false,
        client_name text,
        logo_uri text,
        client_uri text,
        policy_uri text,
        tos_uri text,
        jwks_uri text,
        jwks jsonb,
        id_token_signed_response_alg text,
        userinfo_signed_response_alg text,
        token_endpoint_auth_method text,
        token_endpoint_auth_signing_alg text,
        initiate_login_uri text,
        application_type text,
        contacts text[] NOT NULL DEFAULT '{}',
        created_at timestamptz,
        is_static boolean NOT NULL DEFAULT false,
        metadata_digest text,
        registration_access_token_sha256 bytea,
        CONSTRAINT oauth2_clients_pkey PRIMARY KEY (oauth2_client_id),
        CONSTRAINT oauth2_clients_metadata_digest_key UNIQUE (metadata_digest),
        CONSTRAINT oauth2_clients_registration_access_token_sha256_key
          UNIQUE (registration_access_token_sha256),
        CONSTRAINT oauth2_clients_registration_access_token_sha256_check
          CHECK (octet_length(registration_access_token_sha256) = 32)
      )`);
    await queryRunner.query(
      `CREATE INDEX oauth2_clients_client_name_trgm_idx
        ON oauth2_clients USING gin (client_name gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth2_clients_client_uri_trgm_idx
        ON oauth2_clients USING gin (client_uri gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE oauth2_sessions (
        oauth2_session_id uuid NOT NULL,
        user_session_id uuid,
        oauth2_client_id uuid NOT NULL,
        user_id uuid,
        scope_list text[] NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        last_active_at timestamptz,
        last_active_ip inet,
        user_agent text,
        human_name text,
        CONSTRAINT oauth2_sessions_pkey PRIMARY KEY (oauth2_session_id),
        CONSTRAINT oauth2_sessions_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id),
        CONSTRAINT oauth2_sessions_oauth2_client_id_fkey FOREIGN KEY (oauth2_client_id)
          REFERENCES oauth2_clients (oauth2_client_id),
        CONSTRAINT oauth2_sessions_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES users (user_id) ON DELETE CASCADE
      )`);
    for (const sql of [
      `CREATE INDEX oauth2_sessions_user_session_fk ON oauth2_sessions (user_session_id)`,
      `CREATE INDEX oauth2_sessions_client_fk ON oauth2_sessions (oauth2_client_id)`,
      `CREATE INDEX oauth2_sessions_user_fk ON oauth2_sessions (user_id) INCLUDE (last_active_at)`,
      `CREATE INDEX oauth2_sessions_scope_list_idx ON oauth2_sessions USING gin (scope_list)`,
      `CREATE INDEX oauth2_sessions_last_active_at_idx ON oauth2_sessions (last_active_at)`,
      `CREATE INDEX oauth2_sessions_finished_at_idx ON oauth2_sessions (finished_at)
        WHERE finished_at IS NOT NULL`,
      `CREATE INDEX oauth2_sessions_inactive_ips_idx ON oauth2_sessions (last_active_at)
        WHERE last_active_ip IS NOT NULL AND last_active_at IS NOT NULL`,
      `CREATE INDEX oauth2_sessions_active_client_idx ON oauth2_sessions (oauth2_client_id)
        WHERE finished_at IS NULL`,
      `CREATE INDEX oauth2_sessions_active_user_client_idx
        ON oauth2_sessions (user_id, oauth2_client_id) WHERE finished_at IS NULL`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      CREATE TABLE oauth2_authorization_grants (
        oauth2_authorization_grant_id uuid NOT NULL,
        oauth2_client_id uuid NOT NULL,
        oauth2_session_id uuid,
        authorization_code_sha256 bytea,
        redirect_uri text NOT NULL,
        scope text NOT NULL,
        state text,
        nonce text,
        response_mode text NOT NULL,
        code_challenge_method text,
        code_challenge text,
        response_type_code boolean NOT NULL,
        response_type_id_token boolean NOT NULL,
        created_at timestamptz NOT NULL,
        fulfilled_at timestamptz,
        cancelled_at timestamptz,
        exchanged_at timestamptz,
        login_hint text,
        locale text,
        user_session_id uuid,
        raw_parameters jsonb,
        CONSTRAINT oauth2_authorization_grants_pkey PRIMARY KEY (oauth2_authorization_grant_id),
        CONSTRAINT oauth2_authorization_grants_authorization_code_sha256_key
          UNIQUE (authorization_code_sha256),
        CONSTRAINT oauth2_authorization_grants_authorization_code_sha256_check
          CHECK (octet_length(authorization_code_sha256) = 32),
        CONSTRAINT oauth2_authorization_grants_oauth2_client_id_fkey FOREIGN KEY (oauth2_client_id)
          REFERENCES oauth2_clients (oauth2_client_id),
        CONSTRAINT oauth2_authorization_grants_oauth2_session_id_fkey
          FOREIGN KEY (oauth2_session_id) REFERENCES oauth2_sessions (oauth2_session_id),
        CONSTRAINT oauth2_authorization_grants_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id) ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX oauth2_authorization_grants_client_fk
        ON oauth2_authorization_grants (oauth2_client_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth2_authorization_grants_session_fk
        ON oauth2_authorization_grants (oauth2_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth2_authorization_grants_user_session_id_idx
        ON oauth2_authorization_grants (user_session_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE oauth2_access_tokens (
        oauth2_access_token_id uuid NOT NULL,
        oauth2_session_id uuid NOT NULL,
        access_token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        first_used_at timestamptz,
        CONSTRAINT oauth2_access_tokens_pkey PRIMARY KEY (oauth2_access_token_id),
        CONSTRAINT oauth2_access_tokens_access_token_sha256_key UNIQUE (access_token_sha256),
        CONSTRAINT oauth2_access_tokens_access_token_sha256_check
          CHECK (octet_length(access_token_sha256) = 32),
        CONSTRAINT oauth2_access_tokens_oauth2_session_id_fkey FOREIGN KEY (oauth2_session_id)
          REFERENCES oauth2_sessions (oauth2_session_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX oauth2_access_tokens_session_fk ON oauth2_access_tokens (oauth2_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth_access_tokens_expires_at_idx ON oauth2_access_tokens (expires_at)
        WHERE expires_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth_access_tokens_revoked_at_idx ON oauth2_access_tokens (revoked_at)
        WHERE revoked_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE oauth2_refresh_tokens (
        oauth2_refresh_token_id uuid NOT NULL,
        oauth2_session_id uuid NOT NULL,
        oauth2_access_token_id uuid,
        refresh_token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        consumed_at timestamptz,
        revoked_at timestamptz,
        next_oauth2_refresh_token_id uuid,
        CONSTRAINT oauth2_refresh_tokens_pkey PRIMARY KEY (oauth2_refresh_token_id),
        CONSTRAINT oauth2_refresh_tokens_refresh_token_sha256_key UNIQUE (refresh_token_sha256),
        CONSTRAINT oauth2_refresh_tokens_refresh_token_sha256_check
          CHECK (octet_length(refresh_token_sha256) = 32),
        CONSTRAINT oauth2_refresh_tokens_oauth2_session_id_fkey FOREIGN KEY (oauth2_session_id)
          REFERENCES oauth2_sessions (oauth2_session_id),
        CONSTRAINT oauth2_refresh_tokens_oauth2_access_token_id_fkey
          FOREIGN KEY (oauth2_access_token_id)
          REFERENCES oauth2_access_tokens (oauth2_access_token_id) ON DELETE SET NULL,
        CONSTRAINT oauth2_refresh_tokens_next_oauth2_refresh_token_id_fkey
          FOREIGN KEY (next_oauth2_refresh_token_id)
          REFERENCES oauth2_refresh_tokens (oauth2_refresh_token_id) ON DELETE SET NULL
      )`);
    for (const sql of [
      `CREATE INDEX oauth2_refresh_tokens_session_fk ON oauth2_refresh_tokens (oauth2_session_id)`,
      `CREATE INDEX oauth2_refresh_tokens_access_token_fk
        ON oauth2_refresh_tokens (oauth2_access_token_id)`,
      `CREATE INDEX oauth2_refresh_tokens_next_refresh_token_fk
        ON oauth2_refresh_tokens (next_oauth2_refresh_token_id)`,
      `CREATE INDEX oauth_refresh_tokens_revoked_at_idx ON oauth2_refresh_tokens (revoked_at)
        WHERE revoked_at IS NOT NULL`,
      `CREATE INDEX oauth_refresh_token_consumed_at_idx
        ON oauth2_refresh_tokens (consumed_at, next_oauth2_refresh_token_id, oauth2_refresh_token_id)
        WHERE consumed_at IS NOT NULL`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      CREATE TABLE oauth2_device_code_grant (
        oauth2_device_code_grant_id uuid NOT NULL,
        oauth2_client_id uuid NOT NULL,
        scope text NOT NULL,
        user_code_sha256 bytea NOT NULL,
        device_code_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        fulfilled_at timestamptz,
        rejected_at timestamptz,
        exchanged_at timestamptz,
        oauth2_session_id uuid,
        user_session_id uuid,
        ip_address inet,
        user_agent text,
        locale text,
        CONSTRAINT oauth2_device_code_grant_pkey PRIMARY KEY (oauth2_device_code_grant_id),
        CONSTRAINT oauth2_device_code_grant_user_code_sha256_key UNIQUE (user_code_sha256),
        CONSTRAINT oauth2_device_code_grant_device_code_sha256_key UNIQUE (device_code_sha256),
        CONSTRAINT oauth2_device_code_grant_user_code_sha256_check
          CHECK (octet_length(user_code_sha256) = 32),
        CONSTRAINT oauth2_device_code_grant_device_code_sha256_check
          CHECK (octet_length(device_code_sha256) = 32),
        CONSTRAINT oauth2_device_code_grant_oauth2_client_id_fkey FOREIGN KEY (oauth2_client_id)
          REFERENCES oauth2_clients (oauth2_client_id) ON DELETE CASCADE,
        CONSTRAINT oauth2_device_code_grant_oauth2_session_id_fkey FOREIGN KEY (oauth2_session_id)
          REFERENCES oauth2_sessions (oauth2_session_id) ON DELETE CASCADE,
        CONSTRAINT oauth2_device_code_grant_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX oauth2_device_code_grants_client_fk ON oauth2_device_code_grant (oauth2_client_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth2_device_code_grants_session_fk
        ON oauth2_device_code_grant (oauth2_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX oauth2_device_code_grants_user_session_fk
        ON oauth2_device_code_grant (user_session_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oauth2_device_code_grant`);
    await queryRunner.query(`DROP TABLE oauth2_refresh_tokens`);
    await queryRunner.query(`DROP TABLE oauth2_access_tokens`);
    await queryRunner.query(`DROP TABLE oauth2_authorization_grants`);
    await queryRunner.query(`DROP TABLE oauth2_sessions`);
    await queryRunner.query(`DROP TABLE oauth2_clients`);
  }
}
