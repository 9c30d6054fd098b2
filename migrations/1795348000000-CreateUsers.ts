import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users and their credentials (MAS `users`, `user_passwords`, `user_emails`, `user_terms`,
 * `user_unsupported_third_party_ids`, `user_recovery_*`, `user_registration_tokens`).
 * Secrets are stored as SHA-256 (`ticket_sha256`, `token_sha256`), never in clear text.
 */
export class CreateUsers1795348000000 implements MigrationInterface {
  name = 'CreateUsers1795348000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`
      CREATE TABLE users (
        user_id uuid NOT NULL,
        username text NOT NULL,
        created_at timestamptz NOT NULL,
        locked_at timestamptz,
        deactivated_at timestamptz,
        can_request_admin boolean NOT NULL DEFAULT false,
        is_guest boolean NOT NULL DEFAULT false,
        CONSTRAINT users_pkey PRIMARY KEY (user_id),
        CONSTRAINT users_username_unique UNIQUE (username)
      )`);
    await queryRunner.query(`CREATE INDEX users_lower_username_idx ON users (lower(username))`);
    await queryRunner.query(
      `CREATE INDEX users_username_trgm_idx ON users USING gin (username gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE user_passwords (
        user_password_id uuid NOT NULL,
        user_id uuid NOT NULL,
        hashed_password text NOT NULL,
        version integer NOT NULL,
        upgraded_from_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT user_passwords_pkey PRIMARY KEY (user_password_id),
        CONSTRAINT user_passwords_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (user_id),
        CONSTRAINT user_passwords_upgraded_from_id_fkey FOREIGN KEY (upgraded_from_id)
          REFERENCES user_passwords (user_password_id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX user_passwords_user_fk ON user_passwords (user_id)`);

    await queryRunner.query(`
      CREATE TABLE user_emails (
        user_email_id uuid NOT NULL,
        user_id uuid NOT NULL,
        email text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT user_emails_pkey PRIMARY KEY (user_email_id),
        CONSTRAINT user_emails_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES users (user_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX user_emails_email_idx ON user_emails (email)`);
    await queryRunner.query(
      `CREATE INDEX user_emails_lower_email_idx ON user_emails (lower(email))`,
    );
    await queryRunner.query(`CREATE INDEX user_emails_user_fk ON user_emails (user_id)`);

    await queryRunner.query(`
      CREATE TABLE user_terms (
        user_terms_id uuid NOT NULL,
        user_id uuid NOT NULL,
        terms_url text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT user_terms_pkey PRIMARY KEY (user_terms_id),
        CONSTRAINT user_terms_user_id_terms_url_key UNIQUE (user_id, terms_url),
        CONSTRAINT user_terms_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES users (user_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX user_terms_user_fk ON user_terms (user_id)`);

    await queryRunner.query(`
      CREATE TABLE user_unsupported_third_party_ids (
        user_id uuid NOT NULL,
        medium text NOT NULL,
        address text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT user_unsupported_third_party_ids_pkey PRIMARY KEY (user_id, medium, address),
        CONSTRAINT user_unsupported_third_party_ids_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES users (user_id) ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE user_recovery_sessions (
        user_recovery_session_id uuid NOT NULL,
        email text NOT NULL,
        user_agent text NOT NULL,
        ip_address inet,
        locale text NOT NULL,
        created_at timestamptz NOT NULL,
        consumed_at timestamptz,
        CONSTRAINT user_recovery_sessions_pkey PRIMARY KEY (user_recovery_session_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE user_recovery_tickets (
        user_recovery_ticket_id uuid NOT NULL,
        user_recovery_session_id uuid NOT NULL,
        user_email_id uuid NOT NULL,
        ticket_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT user_recovery_tickets_pkey PRIMARY KEY (user_recovery_ticket_id),
        CONSTRAINT user_recovery_tickets_ticket_sha256_key UNIQUE (ticket_sha256),
        CONSTRAINT user_recovery_tickets_ticket_sha256_check CHECK (octet_length(ticket_sha256) = 32),
        CONSTRAINT user_recovery_tickets_user_recovery_session_id_fkey
          FOREIGN KEY (user_recovery_session_id)
          REFERENCES user_recovery_sessions (user_recovery_session_id) ON DELETE CASCADE,
        CONSTRAINT user_recovery_tickets_user_email_id_fkey FOREIGN KEY (user_email_id)
          REFERENCES user_emails (user_email_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX user_recovery_tickets_session_fk ON user_recovery_tickets (user_recovery_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX user_recovery_tickets_user_email_fk ON user_recovery_tickets (user_email_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE user_registration_tokens (
        user_registration_token_id uuid NOT NULL,
        token_sha256 bytea NOT NULL,
        encrypted_token text NOT NULL,
        usage_limit integer,
        times_used integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT user_registration_tokens_pkey PRIMARY KEY (user_registration_token_id),
        CONSTRAINT user_registration_tokens_token_sha256_key UNIQUE (token_sha256),
        CONSTRAINT user_registration_tokens_token_sha256_check CHECK (octet_length(token_sha256) = 32)
      )`);
    for (const column of [
      'usage_limit',
      'times_used',
      'created_at',
      'last_used_at',
      'expires_at',
      'revoked_at',
    ]) {
      await queryRunner.query(
        `CREATE INDEX user_registration_tokens_${column}_idx ON user_registration_tokens (${column})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_registration_tokens`);
    await queryRunner.query(`DROP TABLE user_recovery_tickets`);
    await queryRunner.query(`DROP TABLE user_recovery_sessions`);
    await queryRunner.query(`DROP TABLE user_unsupported_third_party_ids`);
    await queryRunner.query(`DROP TABLE user_terms`);
    await queryRunner.query(`DROP TABLE user_emails`);
    await queryRunner.query(`DROP TABLE user_passwords`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
