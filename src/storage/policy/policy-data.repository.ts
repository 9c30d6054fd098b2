import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { PolicyDataEntity } from './policy-data.entity';

export interface NewPolicyData {
  id: string;
  createdAt: Date;
  data: Record<string, unknown>;
}

/** Dynamic policy data (`policy_data`): append-only, the newest row is the active one. */
@Injectable()
export class PolicyDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest row (highest ULID, so the latest set); null when none was ever set. */
  findNewest(tx?: Tx): Promise<PolicyDataEntity | null> {
    return managerOf(tx, this.dataSource)
      .getRepository(PolicyDataEntity)
      .findOne({ where: {}, order: { id: 'DESC' } });
  }

  /** The row with this id, or null when there is none. */
  findById(id: string, tx?: Tx): Promise<PolicyDataEntity | null> {
    return managerOf(tx, this.dataSource).getRepository(PolicyDataEntity).findOneBy({ id });
  }

  /** The id of the newest row; null when none was ever set. Reads no data. */
  async findNewestId(tx?: Tx): Promise<string | null> {
    const row = await managerOf(tx, this.dataSource)
      .getRepository(PolicyDataEntity)
      .findOne({ select: { id: true }, where: {}, order: { id: 'DESC' } });
    return row?.id ?? null;
  }

  /** Stores a new version, which becomes the active one when its id is the highest. */
  async add(row: NewPolicyData, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).insert(PolicyDataEntity, {
      id: row.id,
      createdAt: row.createdAt,
      data: row.data,
    });
  }
}
