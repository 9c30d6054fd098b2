import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ServedBy } from '../../http/resource';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminErrorFilter } from './admin-error.filter';
import { ADMIN_API_BASE } from './envelope';

/** A controller of the admin API: under `/api/admin/v1`, resource `adminapi`, admin token required. */
export function AdminController(path: string) {
  return applyDecorators(
    Controller(`${ADMIN_API_BASE.slice(1)}/${path}`),
    ServedBy('adminapi'),
    UseFilters(AdminErrorFilter),
    UseGuards(AdminAuthGuard),
  );
}
