import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ulidToUuid } from '../ulid-column';
import { OAuth2ClientEntity } from './oauth2-client.entity';

/** The metadata columns of a dynamically registered client (RFC 7591 §2), ready to store. */
export interface RegisteredClientFields {
  redirectUris: string[];
  grantTypeAuthorizationCode: boolean;
  grantTypeRefreshToken: boolean;
  grantTypeClientCredentials: boolean;
  grantTypeDeviceCode: boolean;
  clientName: string | null;
  logoUri: string | null;
  clientUri: string | null;
  policyUri: string | null;
  tosUri: string | null;
  jwksUri: string | null;
  jwks: object | null;
  idTokenSignedResponseAlg: string | null;
  userinfoSignedResponseAlg: string | null;
  tokenEndpointAuthMethod: string;
  tokenEndpointAuthSigningAlg: string | null;
  initiateLoginUri: string | null;
  applicationType: string;
  contacts: string[];
  encryptedClientSecret: string | null;
  /** SHA-256 of the canonical request for shareable (secret-less) clients, else null. */
  metadataDigest: string | null;
}

/** A new dynamic client: its id (ULID), creation time and RFC 7592 token hash. */
export interface NewRegisteredClient extends RegisteredClientFields {
  id: string;
  createdAt: Date;
  registrationAccessTokenSha256: Buffer | null;
}

/** Reads and writes OAuth 2.0 clients (`oauth2_clients`), static and dynamically registered. */
@Injectable()
export class OAuth2ClientRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The client with this id, or null when there is none. */
  findById(id: string): Promise<OAuth2ClientEntity | null> {
    return this.dataSource.getRepository(OAuth2ClientEntity).findOneBy({ id });
  }

  /** The dynamic client registered with this metadata digest, or null when there is none. */
  findByMetadataDigest(digest: string): Promise<OAuth2ClientEntity | null> {
    return this.dataSource
      .getRepository(OAuth2ClientEntity)
      .findOneBy({ metadataDigest: digest, isStatic: false });
  }

  /**
   * Inserts a dynamic client. Returns false, inserting nothing, when another client already
   * holds the same metadata digest (a concurrent identical registration won the race).
   */
  async add(client: NewRegisteredClient): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OAuth2ClientEntity)
      .values({ ...client, jwks: client.jwks as object, isStatic: false })
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw instanceof Array && result.raw.length === 1;
  }

  /**
   * Overwrites the metadata of a dynamic client (RFC 7592 §2.2). Returns false when no
   * dynamic client has this id; static clients are never touched.
   */
  async replaceMetadata(id: string, fields: RegisteredClientFields): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(OAuth2ClientEntity)
      .update({ id, isStatic: false }, { ...fields, jwks: fields.jwks as object });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets (or, with null, clears) the SHA-256 of the client's RFC 7592 registration access
   * token. Does nothing when no dynamic client has this id.
   */
  async setRegistrationAccessTokenHash(id: string, hash: Buffer | null): Promise<void> {
    await this.dataSource
      .getRepository(OAuth2ClientEntity)
      .update({ id, isStatic: false }, { registrationAccessTokenSha256: hash });
  }

  /**
   * Deletes a dynamic client and, in the same transaction, every session, token and grant
   * issued to it (RFC 7592 §2.3: its tokens stop working at once). Returns false, deleting
   * nothing, when no dynamic client has this id.
   */
  delete(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const sessions = `SELECT oauth2_session_id FROM oauth2_sessions WHERE oauth2_client_id = $1`;
      const personal = `SELECT personal_session_id FROM personal_sessions
        WHERE owner_oauth2_client_id = $1`;
      for (const sql of [
        `DELETE FROM oauth2_refresh_tokens WHERE oauth2_session_id IN (${sessions})`,
        `DELETE FROM oauth2_access_tokens WHERE oauth2_session_id IN (${sessions})`,
        `DELETE FROM oauth2_authorization_grants WHERE oauth2_client_id = $1`,
        `DELETE FROM oauth2_device_code_grant WHERE oauth2_client_id = $1`,
        `DELETE FROM oauth2_sessions WHERE oauth2_client_id = $1`,
        `DELETE FROM personal_access_tokens WHERE personal_session_id IN (${personal})`,
        `DELETE FROM personal_sessions WHERE owner_oauth2_client_id = $1`,
      ]) {
        await manager.query(
          `${sql} AND EXISTS (SELECT 1 FROM oauth2_clients
            WHERE oauth2_client_id = $1 AND NOT is_static)`,
          [ulidToUuid(id)],
        );
      }
      const result = await manager
        .getRepository(OAuth2ClientEntity)
        .delete({ id, isStatic: false });
      return (result.affected ?? 0) > 0;
    });
  }
}
