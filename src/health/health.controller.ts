import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ServedBy } from '../http/resource';
import { HealthService } from './health.service';

@Controller('health')
@ServedBy('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when the service can reach its database, 503 otherwise (for load balancers). */
  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.check();
    res.status(report.healthy ? 200 : 503);
    return report;
  }
}
