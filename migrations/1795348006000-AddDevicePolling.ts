import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polling state of device authorization grants (RFC 8628 §3.5): when the client last polled
 * and the interval it must keep, raised by 5 s on every `slow_down`. Not in MAS, which does
 * not enforce the interval.
 */
export class AddDevicePolling1795348006000 implements MigrationInterface {
  name = 'AddDevicePolling1795348006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE oauth2_device_code_grant
        ADD COLUMN last_polled_at timestamptz,
        ADD COLUMN poll_interval_seconds integer NOT NULL DEFAULT 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE oauth2_device_code_grant
        DROP COLUMN poll_interval_seconds,
        DROP COLUMN last_polled_at`);
  }
}
