import { Check, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { Sha256Column, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEmailAuthenticationEntity } from './user-email-authentication.entity';

/**
 * A code mailed for an email authentication. Mirrors MAS `user_email_authentication_codes`, but
 * stores `code_sha256` (SHA-256 of the code) instead of the code.
 */
@Entity({ name: 'user_email_authentication_codes' })
@Unique('user_email_authentication_codes_auth_id_code_unique', [
  'userEmailAuthenticationId',
  'codeSha256',
])
@Check('user_email_authentication_codes_code_sha256_check', 'octet_length(code_sha256) = 32')
@Index('user_email_authentication_codes_authentication_fk', ['userEmailAuthenticationId'])
export class UserEmailAuthenticationCodeEntity {
  @UlidPrimaryColumn('user_email_authentication_code_id', 'user_email_authentication_codes_pkey')
  id!: string;

  @UlidColumn('user_email_authentication_id')
  @ForeignKey(() => UserEmailAuthenticationEntity, {
    name: 'user_email_authentication_codes_authentication_id_fkey',
    onDelete: 'CASCADE',
  })
  userEmailAuthenticationId!: string;

  @Sha256Column('code_sha256')
  codeSha256!: Buffer;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at')
  expiresAt!: Date;
}
