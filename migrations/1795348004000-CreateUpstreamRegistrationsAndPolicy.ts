import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upstream OAuth/OIDC providers, links and authorization sessions (MAS `upstream_oauth_*`),
 * registrations and email authentications (which reference upstream sessions and each other),
 * and `policy_data`. Also adds the foreign key and MAS's insert trigger that link
 * `user_session_authentications` to upstream authorization sessions.
 */
export class CreateUpstreamRegistrationsAndPolicy1795348004000 implements MigrationInterface {
  name = 'CreateUpstreamRegistrationsAndPolicy1795348004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE upstream_oauth_providers (
        upstream_oauth_provider_id uuid NOT NULL,
        issuer text,
        human_name text,
        brand_name text,
        scope text NOT NULL,
        client_id text NOT NULL,
        encrypted_client_secret text,
        token_endpoint_signing_alg text,
        token_endpoint_auth_method text NOT NULL,
        id_token_signed_response_alg text NOT NULL DEFAULT 'RS256',
        userinfo_signed_response_alg text,
        fetch_userinfo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        claims_imports jsonb NOT NULL DEFAULT '{}',
        discovery_mode text NOT NULL DEFAULT 'oidc',
        pkce_mode text NOT NULL DEFAULT 'auto',
        response_mode text DEFAULT 'query',
        jwks_uri_override text,
        authorization_endpoint_override text,
        token_endpoint_override text,
        userinfo_endpoint_override text,
        additional_parameters jsonb,
        forward_login_hint boolean NOT NULL DEFAULT false,
        on_backchannel_logout text NOT NULL DEFAULT 'do_nothing',
        ui_order integer NOT NULL DEFAULT 0,
        registration_token_required boolean NOT NULL DEFAULT false,
        CONSTRAINT upstream_oauth_providers_pkey PRIMARY KEY (upstream_oauth_provider_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE upstream_oauth_links (
        upstream_oauth_link_id uuid NOT NULL,
        upstream_oauth_provider_id uuid NOT NULL,
        user_id uuid,
        subject text NOT NULL,
        created_at timestamptz NOT NULL,
        human_account_name text,
        CONSTRAINT upstream_oauth_links_pkey PRIMARY KEY (upstream_oauth_link_id),
        CONSTRAINT upstream_oauth_links_subject_unique UNIQUE (upstream_oauth_provider_id, subject),
        CONSTRAINT upstream_oauth_links_provider_fkey FOREIGN KEY (upstream_oauth_provider_id)
          REFERENCES upstream_oauth_providers (upstream_oauth_provider_id),
        CONSTRAINT upstream_oauth_links_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES users (user_id)
      )`);
    for (const sql of [
      `CREATE INDEX upstream_oauth_links_provider_fk
        ON upstream_oauth_links (upstream_oauth_provider_id)`,
      `CREATE INDEX upstream_oauth_links_user_fk ON upstream_oauth_links (user_id)`,
      `CREATE INDEX idx_upstream_oauth_links_orphaned ON upstream_oauth_links (upstream_oauth_link_id)
        WHERE user_id IS NULL`,
      `CREATE INDEX upstream_oauth_links_human_account_name_trgm_idx
        ON upstream_oauth_links USING gin (human_account_name gin_trgm_ops)`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      CREATE TABLE upstream_oauth_authorization_sessions (
        upstream_oauth_authorization_session_id uuid NOT NULL,
        upstream_oauth_provider_id uuid NOT NULL,
        upstream_oauth_link_id uuid,
        state text NOT NULL,
        code_challenge_verifier text,
        nonce text,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        consumed_at timestamptz,
        unlinked_at timestamptz,
        id_token text,
        id_token_claims jsonb,
        userinfo jsonb,
        extra_callback_parameters jsonb,
        user_session_id uuid,
        CONSTRAINT upstream_oauth_authorization_sessions_pkey
          PRIMARY KEY (upstream_oauth_authorization_session_id),
        CONSTRAINT upstream_oauth_authorization_sessions_state_unique UNIQUE (state),
        CONSTRAINT upstream_oauth_authorization_sessions_provider_fkey
          FOREIGN KEY (upstream_oauth_provider_id)
          REFERENCES upstream_oauth_providers (upstream_oauth_provider_id),
        CONSTRAINT upstream_oauth_authorization_sessions_link_fkey
          FOREIGN KEY (upstream_oauth_link_id)
          REFERENCES upstream_oauth_links (upstream_oauth_link_id),
        CONSTRAINT upstream_oauth_authorization_sessions_user_session_id_fkey
          FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id) ON DELETE SET NULL
      )`);
    for (const sql of [
      `CREATE INDEX upstream_oauth_authorization_sessions_provider_fk
        ON upstream_oauth_authorization_sessions (upstream_oauth_provider_id)`,
      `CREATE INDEX upstream_oauth_authorization_sessions_link_fk
        ON upstream_oauth_authorization_sessions (upstream_oauth_link_id)`,
      `CREATE INDEX upstream_oauth_authorization_sessions_user_session_id_idx
        ON upstream_oauth_authorization_sessions (user_session_id)`,
      `CREATE INDEX upstream_oauth_authorization_sessions_orphaned
        ON upstream_oauth_authorization_sessions (upstream_oauth_authorization_session_id)
        WHERE user_session_id IS NULL`,
      // Back-channel logout looks sessions up by the ID token's `sub` and/or `sid`.
      `CREATE INDEX upstream_oauth_authorization_sessions_sub_sid_idx
        ON upstream_oauth_authorization_sessions
        (upstream_oauth_provider_id, (id_token_claims ->> 'sub'), (id_token_claims ->> 'sid'))`,
      `CREATE INDEX upstream_oauth_authorization_sessions_sid_sub_idx
        ON upstream_oauth_authorization_sessions
        (upstream_oauth_provider_id, (id_token_claims ->> 'sid'), (id_token_claims ->> 'sub'))`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      ALTER TABLE user_session_authentications
        ADD CONSTRAINT user_session_authentications_upstream_session_id_fkey
        FOREIGN KEY (upstream_oauth_authorization_session_id)
        REFERENCES upstream_oauth_authorization_sessions (upstream_oauth_authorization_session_id)
        ON DELETE SET NULL`);
    // As MAS: authenticating a browser session with an upstream login records that browser
    // session on the upstream authorization session (used by back-channel logout).
    await queryRunner.query(`
      CREATE FUNCTION upstream_oauth_authorization_sessions_insert_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.upstream_oauth_authorization_session_id IS NOT NULL THEN
          UPDATE upstream_oauth_authorization_sessions
            SET user_session_id = NEW.user_session_id
            WHERE upstream_oauth_authorization_session_id = NEW.upstream_oauth_authorization_session_id
              AND user_session_id IS NULL;
        END IF;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER upstream_oauth_authorization_sessions_insert_trigger
        AFTER INSERT ON user_session_authentications
        FOR EACH ROW EXECUTE FUNCTION upstream_oauth_authorization_sessions_insert_trigger()`);

    await queryRunner.query(`
      CREATE TABLE user_registrations (
        user_registration_id uuid NOT NULL,
        ip_address inet,
        user_agent text,
        post_auth_action jsonb,
        username text NOT NULL,
        display_name text,
        terms_url text,
        email_authentication_id uuid,
        hashed_password text,
        hashed_password_version integer,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        user_registration_token_id uuid,
        upstream_oauth_authorization_session_id uuid,
        CONSTRAINT user_registrations_pkey PRIMARY KEY (user_registration_id),
        CONSTRAINT user_registrations_user_registration_token_id_fkey
          FOREIGN KEY (user_registration_token_id)
          REFERENCES user_registration_tokens (user_registration_token_id) ON DELETE SET NULL,
        CONSTRAINT user_registrations_upstream_oauth_authorization_session_id_fkey
          FOREIGN KEY (upstream_oauth_authorization_session_id)
          REFERENCES upstream_oauth_authorization_sessions (upstream_oauth_authorization_session_id)
          ON DELETE SET NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE user_email_authentications (
        user_email_authentication_id uuid NOT NULL,
        user_session_id uuid,
        user_registration_id uuid,
        email text NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT user_email_authentications_pkey PRIMARY KEY (user_email_authentication_id),
        CONSTRAINT user_email_authentications_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id) ON DELETE SET NULL,
        CONSTRAINT user_email_authentications_user_registration_id_fkey
          FOREIGN KEY (user_registration_id)
          REFERENCES user_registrations (user_registration_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      ALTER TABLE user_registrations
        ADD CONSTRAINT user_registrations_email_authentication_id_fkey
        FOREIGN KEY (email_authentication_id)
        REFERENCES user_email_authentications (user_email_authentication_id) ON DELETE SET NULL`);
    for (const sql of [
      `CREATE INDEX user_registrations_email_authentication_fk
        ON user_registrations (email_authentication_id)`,
      `CREATE INDEX user_registrations_user_registration_token_id_fk
        ON user_registrations (user_registration_token_id)`,
      `CREATE INDEX user_registrations_upstream_oauth_session_id_idx
        ON user_registrations (upstream_oauth_authorization_session_id)`,
      `CREATE INDEX user_email_authentications_user_session_fk
        ON user_email_authentications (user_session_id)`,
      `CREATE INDEX user_email_authentications_user_registration_fk
        ON user_email_authentications (user_registration_id)`,
    ]) {
      await queryRunner.query(sql);
    }

    await queryRunner.query(`
      CREATE TABLE user_email_authentication_codes (
        user_email_authentication_code_id uuid NOT NULL,
        user_email_authentication_id uuid NOT NULL,
        code_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT user_email_authentication_codes_pkey
          PRIMARY KEY (user_email_authentication_code_id),
        CONSTRAINT user_email_authentication_codes_auth_id_code_unique
          UNIQUE (user_email_authentication_id, code_sha256),
        CONSTRAINT user_email_authentication_codes_code_sha256_check
          CHECK (octet_length(code_sha256) = 32),
        CONSTRAINT user_email_authentication_codes_authentication_id_fkey
          FOREIGN KEY (user_email_authentication_id)
          REFERENCES user_email_authentications (user_email_authentication_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX user_email_authentication_codes_authentication_fk
        ON user_email_authentication_codes (user_email_authentication_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE policy_data (
        policy_data_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT policy_data_pkey PRIMARY KEY (policy_data_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE policy_data`);
    await queryRunner.query(`DROP TABLE user_email_authentication_codes`);
    await queryRunner.query(
      `ALTER TABLE user_registrations DROP CONSTRAINT user_registrations_email_authentication_id_fkey`,
    );
    await queryRunner.query(`DROP TABLE user_email_authentications`);
    await queryRunner.query(`DROP TABLE user_registrations`);
    await queryRunner.query(
      `DROP TRIGGER upstream_oauth_authorization_sessions_insert_trigger
        ON user_session_authentications`,
    );
    await queryRunner.query(`DROP FUNCTION upstream_oauth_authorization_sessions_insert_trigger()`);
    await queryRunner.query(
      `ALTER TABLE user_session_authentications
        DROP CONSTRAINT user_session_authentications_upstream_session_id_fkey`,
    );
    await queryRunner.query(`DROP TABLE upstream_oauth_authorization_sessions`);
    await queryRunner.query(`DROP TABLE upstream_oauth_links`);
    await queryRunner.query(`DROP TABLE upstream_oauth_providers`);
  }
}
