import { Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from './user.entity';

/**
 * A third-party ID (MSISDN, ...) imported from Synapse that MAS cannot verify but pushes back.
 * Mirrors MAS `user_unsupported_third_party_ids`.
 */
@Entity({ name: 'user_unsupported_third_party_ids' })
export class UserUnsupportedThirdPartyIdEntity {
  @UlidPrimaryColumn('user_id', 'user_unsupported_third_party_ids_pkey')
  @ForeignKey(() => UserEntity, {
    name: 'user_unsupported_third_party_ids_user_id_fkey',
    onDelete: 'CASCADE',
  })
  userId!: string;

  @PrimaryColumn({
    type: 'text',
    name: 'medium',
    primaryKeyConstraintName: 'user_unsupported_third_party_ids_pkey',
  })
  medium!: string;

  @PrimaryColumn({
    type: 'text',
    name: 'address',
    primaryKeyConstraintName: 'user_unsupported_third_party_ids_pkey',
  })
  address!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
