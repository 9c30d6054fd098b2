import { Column, Entity } from 'typeorm';
import { TimestampColumn } from '../columns';
import { UlidPrimaryColumn } from '../ulid-column';

/** Dynamic policy data set by admins; the newest row is active. Mirrors MAS `policy_data`. */
@Entity({ name: 'policy_data' })
export class PolicyDataEntity {
  @UlidPrimaryColumn('policy_data_id', 'policy_data_pkey')
  id!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @Column({ type: 'jsonb', name: 'data' })
  data!: unknown;
}
