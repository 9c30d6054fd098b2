import { createHash } from 'node:crypto';
import { ulidToUuid } from '../../src/storage/ulid-column';
import type { TestApp } from '../setup/test-app';

export const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** A confidential web client's registration request (RFC 7591 §2). */
export const WEB = {
  client_name: 'Web app',
  client_uri: 'https://example.com/',
  redirect_uris: ['https://app.example.com/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
};

/** The raw `oauth2_clients` row of a client, to check what is stored. */
export async function clientRow(t: TestApp, id: string) {
  const rows: Record<string, unknown>[] = await t.db.dataSource.query(
    `SELECT * FROM oauth2_clients WHERE oauth2_client_id = $1`,
    [ulidToUuid(id)],
  );
  return rows[0];
}
