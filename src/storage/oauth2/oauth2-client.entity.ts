import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { OptionalTextColumn, Sha256Column, TextArrayColumn, TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/**
 * An OAuth 2.0 client, static (from config) or dynamically registered (RFC 7591). Mirrors MAS
 * `oauth2_clients`; the secret stays AES-GCM encrypted in `encrypted_client_secret`. We add
 * `registration_access_token_sha256` for RFC 7592 client management.
 */
@Entity({ name: 'oauth2_clients' })
@Unique('oauth2_clients_metadata_digest_key', ['metadataDigest'])
@Unique('oauth2_clients_registration_access_token_sha256_key', ['registrationAccessTokenSha256'])
@Check(
  'oauth2_clients_registration_access_token_sha256_check',
  'octet_length(registration_access_token_sha256) = 32',
)
@Index('oauth2_clients_client_name_trgm_idx', { synchronize: false })
@Index('oauth2_clients_client_uri_trgm_idx', { synchronize: false })
export class OAuth2ClientEntity {
  @UlidPrimaryColumn('oauth2_client_id', 'oauth2_clients_pkey')
  id!: string;

  @OptionalTextColumn('encrypted_client_secret')
  encryptedClientSecret!: string | null;

  @TextArrayColumn('redirect_uris', { default: [] })
  redirectUris!: string[];

  @Column({ type: 'boolean', name: 'grant_type_authorization_code' })
  grantTypeAuthorizationCode!: boolean;

  @Column({ type: 'boolean', name: 'grant_type_refresh_token' })
  grantTypeRefreshToken!: boolean;

  @Column({ type: 'boolean', name: 'grant_type_client_credentials', default: false })
  grantTypeClientCredentials!: boolean;

  @Column({ type: 'boolean', name: 'grant_type_device_code', default: false })
  grantTypeDeviceCode!: boolean;

  @OptionalTextColumn('client_name')
  clientName!: string | null;

  @OptionalTextColumn('logo_uri')
  logoUri!: string | null;

  @OptionalTextColumn('client_uri')
  clientUri!: string | null;

  @OptionalTextColumn('policy_uri')
  policyUri!: string | null;

  @OptionalTextColumn('tos_uri')
  tosUri!: string | null;

  @OptionalTextColumn('jwks_uri')
  jwksUri!: string | null;

  @Column({ type: 'jsonb', name: 'jwks', nullable: true })
  jwks!: unknown;

  @OptionalTextColumn('id_token_signed_response_alg')
  idTokenSignedResponseAlg!: string | null;

  @OptionalTextColumn('userinfo_signed_response_alg')
  userinfoSignedResponseAlg!: string | null;

  @OptionalTextColumn('token_endpoint_auth_method')
  tokenEndpointAuthMethod!: string | null;

  @OptionalTextColumn('token_endpoint_auth_signing_alg')
  tokenEndpointAuthSigningAlg!: string | null;

  @OptionalTextColumn('initiate_login_uri')
  initiateLoginUri!: string | null;

  @OptionalTextColumn('application_type')
  applicationType!: string | null;

  @TextArrayColumn('contacts', { default: [] })
  contacts!: string[];

  @TimestampColumn('created_at', { nullable: true })
  createdAt!: Date | null;

  @Column({ type: 'boolean', name: 'is_static', default: false })
  isStatic!: boolean;

  /** SHA-256 of the canonical registration request, to reuse identical public clients. */
  @OptionalTextColumn('metadata_digest')
  metadataDigest!: string | null;

  /** RFC 7592 registration access token, hashed; null for static clients. */
  @Sha256Column('registration_access_token_sha256', { nullable: true })
  registrationAccessTokenSha256!: Buffer | null;
}
