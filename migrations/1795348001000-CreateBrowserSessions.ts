import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions (MAS `user_sessions`, `user_session_authentications`). The foreign key from
 * `user_session_authentications` to upstream authorization sessions, and MAS's back-link trigger,
 * are added with the upstream tables (CreateUpstreamRegistrationsAndPolicy).
 */
export class CreateBrowserSessions1795348001000 implements MigrationInterface {
  name = 'CreateBrowserSessions1795348001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_sessions (
        user_session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        user_agent text,
        last_active_at timestamptz,
        last_active_ip inet,
        CONSTRAINT user_sessions_pkey PRIMARY KEY (user_session_id),
        CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (user_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX user_sessions_user_fk ON user_sessions (user_id) INCLUDE (last_active_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX user_sessions_finished_at_idx ON user_sessions (finished_at)
        WHERE finished_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX user_sessions_last_active_at_idx ON user_sessions (last_active_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX user_sessions_inactive_ips_idx ON user_sessions (last_active_at)
        WHERE last_active_ip IS NOT NULL AND last_active_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE user_session_authentications (
        user_session_authentication_id uuid NOT NULL,
        user_session_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        user_password_id uuid,
        upstream_oauth_authorization_session_id uuid,
        CONSTRAINT user_session_authentications_pkey PRIMARY KEY (user_session_authentication_id),
        CONSTRAINT user_session_authentications_user_session_id_fkey FOREIGN KEY (user_session_id)
          REFERENCES user_sessions (user_session_id),
        CONSTRAINT user_session_authentications_user_password_id_fkey FOREIGN KEY (user_password_id)
          REFERENCES user_passwords (user_password_id) ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX user_session_authentications_user_session_fk
        ON user_session_authentications (user_session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX user_session_authentications_user_password_fk
        ON user_session_authentications (user_password_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX user_session_authentications_upstream_oauth_session_fk
        ON user_session_authentications (upstream_oauth_authorization_session_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_session_authentications`);
    await queryRunner.query(`DROP TABLE user_sessions`);
  }
}
