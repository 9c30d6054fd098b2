import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { CompatSessionEntity } from './compat-session.entity';

/** Legacy Matrix login sessions (`compat_sessions`). */
@Injectable()
export class CompatSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The device ids of the user's unfinished sessions; empty when they have none. */
  async listActiveDeviceIdsOfUser(userId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(tx, this.dataSource).find(CompatSessionEntity, {
      select: { id: true, deviceId: true },
      where: { userId, finishedAt: IsNull(), deviceId: Not(IsNull()) },
    });
    return rows.flatMap((row) => (row.deviceId === null ? [] : [row.deviceId]));
  }
}
