import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { TextColumn, TimestampColumn } from '../columns';
import { UlidColumn, UlidPrimaryColumn } from '../ulid-column';
import { UserEntity } from './user.entity';

/** A password hash of a user; the newest row is the active one. Mirrors MAS `user_passwords`. */
@Entity({ name: 'user_passwords' })
@Index('user_passwords_user_fk', ['userId'])
export class UserPasswordEntity {
  @UlidPrimaryColumn('user_password_id', 'user_passwords_pkey')
  id!: string;

  @UlidColumn('user_id')
  @ForeignKey(() => UserEntity, { name: 'user_passwords_user_id_fkey' })
  userId!: string;

  @TextColumn('hashed_password')
  hashedPassword!: string;

  /** The hashing scheme version (`passwords.schemes[].version`). */
  @Column({ type: 'integer', name: 'version' })
  version!: number;

  @UlidColumn('upgraded_from_id', { nullable: true })
  @ForeignKey(() => UserPasswordEntity, {
    name: 'user_passwords_upgraded_from_id_fkey',
    onDelete: 'SET NULL',
  })
  upgradedFromId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
