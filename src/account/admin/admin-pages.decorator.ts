import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ServedBy } from '../../http/resource';
import { WebSessionGuard } from '../../web-session';
import { AdminPagesFilter } from './admin-pages.filter';
import { AdminPagesGuard } from './admin-pages.guard';

/**
 * Every admin page controller: resource `human`, the browser session with CSRF on every POST
 * (`WebSessionGuard`), then the admin check (`AdminPagesGuard`), in that order.
 */
export const AdminPages = () =>
  applyDecorators(
    ServedBy('human'),
    UseGuards(WebSessionGuard, AdminPagesGuard),
    UseFilters(AdminPagesFilter),
  );
