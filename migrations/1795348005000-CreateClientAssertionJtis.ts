import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `oauth2_client_assertion_jtis`: the replay store for JWT client assertions (RFC 7523 §3
 * item 7). Not in MAS. One row per accepted (client, jti), kept until the assertion expires.
 */
export class CreateClientAssertionJtis1795348005000 implements MigrationInterface {
  name = 'CreateClientAssertionJtis1795348005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oauth2_client_assertion_jtis (
        oauth2_client_id uuid NOT NULL,
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT oauth2_client_assertion_jtis_pkey PRIMARY KEY (oauth2_client_id, jti),
        CONSTRAINT oauth2_client_assertion_jtis_oauth2_client_id_fkey FOREIGN KEY (oauth2_client_id)
          REFERENCES oauth2_clients (oauth2_client_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX oauth2_client_assertion_jtis_expires_at_idx
        ON oauth2_client_assertion_jtis (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oauth2_client_assertion_jtis`);
  }
}
