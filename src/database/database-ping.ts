import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Answers whether the database accepts a trivial query right now. */
@Injectable()
export class DatabasePing {
  constructor(private readonly dataSource: DataSource) {}

  /** `true` when `SELECT 1` succeeds; never throws. */
  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
