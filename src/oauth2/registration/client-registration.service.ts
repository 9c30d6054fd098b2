import { Injectable, type OnModuleInit } from '@nestjs/common';
import { issuesClientSecret, metadataDigest } from '../../client-registration';
import { Clock, Rng } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { ProviderMetadataRegistry } from '../../provider-metadata/provider-metadata.registry';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { ClientMetadataValidator } from './client-metadata.validator';
import { toRegisteredClientFields } from './registered-client-fields';
import { RegistrationCredentials } from './registration-credentials';
import {
  toClientInformationResponse,
  type ClientInformationResponse,
} from './registration-response.dto';

export const REGISTRATION_PATH = 'oauth2/registration';

/** RFC 7591 dynamic client registration, open to anyone (MSC2966). */
@Injectable()
export class ClientRegistrationService implements OnModuleInit {
  constructor(
    private readonly clients: OAuth2ClientRepository,
    private readonly validator: ClientMetadataValidator,
    private readonly credentials: RegistrationCredentials,
    private readonly rng: Rng,
    private readonly clock: Clock,
    private readonly urls: UrlBuilder,
    private readonly registry: ProviderMetadataRegistry,
  ) {}

  onModuleInit(): void {
    // RFC 8414 §2 `registration_endpoint`.
    this.registry.contribute({ registration_endpoint: this.urls.absolute(REGISTRATION_PATH) });
  }

  /** The RFC 7592 client configuration endpoint of a client. */
  clientUri(clientId: string): string {
    return this.urls.absolute(`${REGISTRATION_PATH}/${clientId}`);
  }

  /**
   * RFC 7591 §3.1–3.2. A client that gets no secret may be shared: identical metadata returns
   * the existing client (MAS `metadata_digest`). A shared client belongs to no single
   * registrant, so its RFC 7592 management is withdrawn (the stored token hash is cleared and
   * the response carries no `registration_access_token`); otherwise one registrant could edit
   * or delete a client every other registrant relies on.
   */
  async register(body: unknown): Promise<ClientInformationResponse> {
    const metadata = await this.validator.validate(body);
    if (issuesClientSecret(metadata)) {
      const { secret, encrypted } = this.credentials.newClientSecret();
      const { client, token } = await this.create(
        toRegisteredClientFields(metadata, encrypted, null),
      );
      return this.respond(client, secret, token);
    }
    const digest = metadataDigest(metadata);
    const existing = await this.clients.findByMetadataDigest(digest);
    if (existing) return this.share(existing);
    const created = await this.create(toRegisteredClientFields(metadata, null, digest));
    if (created.client) return this.respond(created.client, undefined, created.token);
    const winner = await this.clients.findByMetadataDigest(digest);
    if (!winner) throw new Error('registration lost a race and found no client');
    return this.share(winner);
  }

  private async create(fields: ReturnType<typeof toRegisteredClientFields>) {
    const { token, hash } = this.credentials.newRegistrationToken();
    const id = this.rng.ulid();
    const inserted = await this.clients.add({
      ...fields,
      id,
      createdAt: this.clock.now(),
      registrationAccessTokenSha256: hash,
    });
    return { client: inserted ? await this.clients.findById(id) : null, token };
  }

  private async share(client: OAuth2ClientEntity): Promise<ClientInformationResponse> {
    await this.clients.setRegistrationAccessTokenHash(client.id, null);
    return toClientInformationResponse(client, {});
  }

  private respond(
    client: OAuth2ClientEntity | null,
    clientSecret: string | undefined,
    registrationAccessToken: string,
  ): ClientInformationResponse {
    if (!client) throw new Error('a freshly registered client could not be read back');
    return toClientInformationResponse(client, {
      clientSecret,
      registrationAccessToken,
      registrationClientUri: this.clientUri(client.id),
    });
  }
}
