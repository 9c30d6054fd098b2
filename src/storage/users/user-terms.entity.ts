import { Entity, ForeignKey, Index, Unique } from 'typeorm';
import { TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from './user.entity';

/** A terms-of-service URL a user accepted. Mirrors MAS `user_terms`. */
@Entity({ name: 'user_terms' })
@Unique('user_terms_user_id_terms_url_key', ['userId', 'termsUrl'])
@Index('user_terms_user_fk', ['userId'])
export class UserTermsEntity {
  @UlidPrimaryColumn('user_terms_id', 'user_terms_pkey')
  id!: string;

  @UlidColumn('user_id')
  @ForeignKey(() => UserEntity, { name: 'user_terms_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @TextColumn('terms_url')
  termsUrl!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
