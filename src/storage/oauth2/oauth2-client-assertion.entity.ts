import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../columns';
import { ulidTransformer } from '../ulid-column';
import { OAuth2ClientEntity } from './oauth2-client.entity';

/**
 * A `jti` of a JWT client assertion (RFC 7523 §3 item 7) that was accepted, kept until the
 * assertion's `exp` so the same assertion cannot be replayed. The primary key makes
 * (client, jti) unique across processes. Not in MAS, which keeps no replay state.
 */
@Entity({ name: 'oauth2_client_assertion_jtis' })
@Index('oauth2_client_assertion_jtis_expires_at_idx', ['expiresAt'])
export class OAuth2ClientAssertionJtiEntity {
  @PrimaryColumn({
    type: 'uuid',
    name: 'oauth2_client_id',
    primaryKeyConstraintName: 'oauth2_client_assertion_jtis_pkey',
    transformer: ulidTransformer,
  })
  @ForeignKey(() => OAuth2ClientEntity, {
    name: 'oauth2_client_assertion_jtis_oauth2_client_id_fkey',
    onDelete: 'CASCADE',
  })
  oauth2ClientId!: string;

  @PrimaryColumn({
    type: 'text',
    name: 'jti',
    primaryKeyConstraintName: 'oauth2_client_assertion_jtis_pkey',
  })
  jti!: string;

  /** The assertion's `exp` plus the allowed clock skew; the row may be purged after it. */
  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
