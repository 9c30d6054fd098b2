import { Injectable } from '@nestjs/common';
import { issuesClientSecret } from '../../client-registration';
import { OAuthError } from '../../core';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { ClientMetadataValidator } from './client-metadata.validator';
import { ClientRegistrationService } from './client-registration.service';
import { toRegisteredClientFields } from './registered-client-fields';
import { RegistrationCredentials } from './registration-credentials';
import {
  toClientInformationResponse,
  type ClientInformationResponse,
} from './registration-response.dto';

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Fields a client MUST NOT send in an update (RFC 7592 §2.2); they are ignored. */
const SERVER_FIELDS = [
  'client_id',
  'client_secret',
  'registration_access_token',
  'registration_client_uri',
  'client_secret_expires_at',
  'client_id_issued_at',
];

/**
 * RFC 7592 client configuration endpoint: read, update and delete a dynamically registered
 * client with its registration access token. Static clients are managed through the config
 * file only.
 */
@Injectable()
export class ClientManagementService {
  constructor(
    private readonly clients: OAuth2ClientRepository,
    private readonly validator: ClientMetadataValidator,
    private readonly credentials: RegistrationCredentials,
    private readonly registration: ClientRegistrationService,
  ) {}

  /** RFC 7592 §2.1. The secret is returned (§3 allows it); the token is not (only its hash is kept). */
  async read(clientId: string, token: string | undefined): Promise<ClientInformationResponse> {
    const client = await this.authenticate(clientId, token);
    return this.respond(client, this.secretOf(client));
  }

  /**
   * RFC 7592 §2.2: the body replaces all metadata and goes through the same checks as a
   * registration. `client_id` must name this client and a `client_secret`, if sent, must be
   * the current one. A client moving to a secret-based method gets a new secret; one moving
   * away loses it. An updated client is never shared by deduplication again.
   */
  async update(
    clientId: string,
    token: string | undefined,
    body: unknown,
  ): Promise<ClientInformationResponse> {
    const client = await this.authenticate(clientId, token);
    const request = isObject(body) ? body : {};
    if (request.client_id !== client.id) {
      throw new OAuthError('invalid_client_metadata', 'client_id does not match this client');
    }
    const current = this.secretOf(client);
    if (request.client_secret !== undefined && request.client_secret !== current) {
      throw new OAuthError('invalid_client_metadata', 'client_secret does not match');
    }
    const metadata = await this.validator.validate(
      isObject(body) ? withoutServerFields(body) : body,
    );
    let secret: string | undefined;
    let encrypted: string | null = null;
    if (issuesClientSecret(metadata)) {
      if (client.encryptedClientSecret !== null && current !== undefined) {
        secret = current;
        encrypted = client.encryptedClientSecret;
      } else {
        ({ secret, encrypted } = this.credentials.newClientSecret());
      }
    }
    await this.clients.replaceMetadata(
      client.id,
      toRegisteredClientFields(metadata, encrypted, null),
    );
    const updated = await this.clients.findById(client.id);
    if (!updated) throw new OAuthError('invalid_token', 'the registration access token is invalid');
    return this.respond(updated, secret);
  }

  /** RFC 7592 §2.3: the client and every token issued to it are gone. */
  async delete(clientId: string, token: string | undefined): Promise<void> {
    const client = await this.authenticate(clientId, token);
    await this.clients.delete(client.id);
  }

  /**
   * RFC 7592 §2 / RFC 6750 §3.1: a missing or wrong token, an unknown client, a static or a
   * shared client all answer `invalid_token` (401), so nothing reveals whether a client exists.
   */
  private async authenticate(clientId: string, token: string | undefined) {
    const lookup = token !== undefined && ULID.test(clientId);
    const client = lookup ? await this.clients.findById(clientId) : null;
    if (
      token === undefined ||
      client === null ||
      client.isStatic ||
      !this.credentials.registrationTokenMatches(token, client.registrationAccessTokenSha256)
    ) {
      throw new OAuthError('invalid_token', 'the registration access token is invalid');
    }
    return client;
  }

  private secretOf(client: OAuth2ClientEntity): string | undefined {
    return client.encryptedClientSecret === null
      ? undefined
      : this.credentials.revealClientSecret(client.encryptedClientSecret);
  }

  private respond(client: OAuth2ClientEntity, clientSecret: string | undefined) {
    return toClientInformationResponse(client, {
      clientSecret,
      registrationClientUri: this.registration.clientUri(client.id),
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutServerFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !SERVER_FIELDS.includes(k)));
}
