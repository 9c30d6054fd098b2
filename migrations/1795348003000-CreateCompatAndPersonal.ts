import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legacy Matrix login sessions (MAS `compat_*`) and admin-issued personal sessions
 * (MAS `personal_*`). Tokens and SSO login tokens are stored as 32-byte SHA-256 hashes.
 */
export class CreateCompatAndPersonal1795348003000 implements MigrationInterface {
  name = 'CreateCompatAndPersonal1795348003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE compat_sessions (
        compat_session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        device_id text,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        is_synapse_admin boolean NOT NULL DEFAULT false,
        last_active_at timestamptz,
        last_active_ip inet,
        user_session_id uuid,
        user_agent text,
        human_name text,
        CONSTRAINT compat_sessions_pkey PRIMARY KEY (compat_session_id),
        CONSTRAINT compat_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (user_id),
        CONSTRAINT compat_sessions_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id)
      )`);
    for (const sql of [
      `CREATE INDEX compat_sessions_user_fk ON compat_sessions (user_id) INCLUDE (last_active_at)`,
      `CREATE INDEX compat_sessions_user_session_fk ON compat_sessions (user_session_id)`,
      `CREATE INDEX compat_sessions_last_active_at_idx ON compat_sessions (last_active_at)`,
      `CREATE INDEX compat_sessions_finished_at_idx ON compat_sessions (finished_at)
        WHERE finished_at IS NOT NULL`,
      `CREATE INDEX compat_sessions_inactive_ips_idx ON compat_sessions (last_active_at)
        WHERE last_active_ip IS NOT NULL AND last_active_at IS NOT NULL`,
      `CREATE INDEX compat_sessions_active_user_idx ON compat_sessions (user_id)
        WHERE finished_at IS NULL`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      CREATE TABLE compat_access_tokens (
        compat_access_token_id uuid NOT NULL,
        compat_session_id uuid NOT NULL,
        access_token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        CONSTRAINT compat_access_tokens_pkey PRIMARY KEY (compat_access_token_id),
        CONSTRAINT compat_access_tokens_access_token_sha256_key UNIQUE (access_token_sha256),
        CONSTRAINT compat_access_tokens_access_token_sha256_check
          CHECK (octet_length(access_token_sha256) = 32),
        CONSTRAINT compat_access_tokens_compat_session_id_fkey FOREIGN KEY (compat_session_id)
          REFERENCES compat_sessions (compat_session_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX compat_access_tokens_session_fk ON compat_access_tokens (compat_session_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE compat_refresh_tokens (
        compat_refresh_token_id uuid NOT NULL,
        compat_session_id uuid NOT NULL,
        compat_access_token_id uuid NOT NULL,
        refresh_token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        consumed_at timestamptz,
        CONSTRAINT compat_refresh_tokens_pkey PRIMARY KEY (compat_refresh_token_id),
        CONSTRAINT compat_refresh_tokens_refresh_token_sha256_key UNIQUE (refresh_token_sha256),
        CONSTRAINT compat_refresh_tokens_refresh_token_sha256_check
          CHECK (octet_length(refresh_token_sha256) = 32),
        CONSTRAINT compat_refresh_tokens_compat_session_id_fkey FOREIGN KEY (compat_session_id)
          REFERENCES compat_sessions (compat_session_id),
        CONSTRAINT compat_refresh_tokens_compat_access_token_id_fkey
          FOREIGN KEY (compat_access_token_id)
          REFERENCES compat_access_tokens (compat_access_token_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX compat_refresh_tokens_session_fk ON compat_refresh_tokens (compat_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX compat_refresh_tokens_access_token_fk
        ON compat_refresh_tokens (compat_access_token_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE compat_sso_logins (
        compat_sso_login_id uuid NOT NULL,
        redirect_uri text NOT NULL,
        login_token_sha256 bytea NOT NULL,
        compat_session_id uuid,
        created_at timestamptz NOT NULL,
        fulfilled_at timestamptz,
        exchanged_at timestamptz,
        user_session_id uuid,
        CONSTRAINT compat_sso_logins_pkey PRIMARY KEY (compat_sso_login_id),
        CONSTRAINT compat_sso_logins_login_token_sha256_key UNIQUE (login_token_sha256),
        CONSTRAINT compat_sso_logins_login_token_sha256_check
          CHECK (octet_length(login_token_sha256) = 32),
        CONSTRAINT compat_sso_logins_compat_session_id_fkey FOREIGN KEY (compat_session_id)
          REFERENCES compat_sessions (compat_session_id) ON DELETE SET NULL,
        CONSTRAINT compat_sso_logins_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX compat_sso_logins_session_fk ON compat_sso_logins (compat_session_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE personal_sessions (
        personal_session_id uuid NOT NULL,
        owner_user_id uuid,
        owner_oauth2_client_id uuid,
        actor_user_id uuid NOT NULL,
        human_name text NOT NULL,
        scope_list text[] NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_active_at timestamptz,
        last_active_ip inet,
        CONSTRAINT personal_sessions_pkey PRIMARY KEY (personal_session_id),
        CONSTRAINT personal_sessions_exactly_one_owner
          CHECK ((owner_user_id IS NULL) <> (owner_oauth2_client_id IS NULL)),
        CONSTRAINT personal_sessions_owner_user_id_fkey FOREIGN KEY (owner_user_id)
          REFERENCES users (user_id),
        CONSTRAINT personal_sessions_owner_oauth2_client_id_fkey FOREIGN KEY (owner_oauth2_client_id)
          REFERENCES oauth2_clients (oauth2_client_id),
        CONSTRAINT personal_sessions_actor_user_id_fkey FOREIGN KEY (actor_user_id)
          REFERENCES users (user_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX personal_sessions_owner_user_id_idx ON personal_sessions (owner_user_id)
        WHERE owner_user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX personal_sessions_owner_oauth2_client_id_idx
        ON personal_sessions (owner_oauth2_client_id) WHERE owner_oauth2_client_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX personal_sessions_actor_user_id_idx ON personal_sessions (actor_user_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE personal_access_tokens (
        personal_access_token_id uuid NOT NULL,
        personal_session_id uuid NOT NULL,
        access_token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT personal_access_tokens_pkey PRIMARY KEY (personal_access_token_id),
        CONSTRAINT personal_access_tokens_access_token_sha256_key UNIQUE (access_token_sha256),
        CONSTRAINT personal_access_tokens_access_token_sha256_check
          CHECK (octet_length(access_token_sha256) = 32),
        CONSTRAINT personal_access_tokens_personal_session_id_fkey FOREIGN KEY (personal_session_id)
          REFERENCES personal_sessions (personal_session_id)
      )`);
    // At most one active (non-revoked) token per personal session.
    await queryRunner.query(
      `CREATE UNIQUE INDEX personal_access_tokens_personal_session_id_idx
        ON personal_access_tokens (personal_session_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE personal_access_tokens`);
    await queryRunner.query(`DROP TABLE personal_sessions`);
    await queryRunner.query(`DROP TABLE compat_sso_logins`);
    await queryRunner.query(`DROP TABLE compat_refresh_tokens`);
    await queryRunner.query(`DROP TABLE compat_access_tokens`);
    await queryRunner.query(`DROP TABLE compat_sessions`);
  }
}
