import { Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ServedBy } from '../../http/resource';
import { MatrixJsonBody } from '../matrix-body';
import { MatrixErrorFilter } from '../matrix-error.filter';
import { CompatRefreshService, type RefreshResponse } from './compat-refresh.service';

/** `POST /_matrix/client/{version}/refresh`. */
@Controller('_matrix/client/:version')
@ServedBy('compat')
@UseFilters(MatrixErrorFilter)
export class CompatRefreshController {
  constructor(private readonly refresher: CompatRefreshService) {}

  @Post('refresh')
  @HttpCode(200)
  refresh(@MatrixJsonBody() body: Record<string, unknown>): Promise<RefreshResponse> {
    return this.refresher.refresh(body);
  }
}
