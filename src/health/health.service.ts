import { Injectable } from '@nestjs/common';
import { DatabasePing } from '../database/database-ping';

export interface HealthReport {
  healthy: boolean;
  database: 'ok' | 'unreachable';
}

@Injectable()
export class HealthService {
  constructor(private readonly db: DatabasePing) {}

  async check(): Promise<HealthReport> {
    const reachable = await this.db.isReachable();
    return { healthy: reachable, database: reachable ? 'ok' : 'unreachable' };
  }
}
