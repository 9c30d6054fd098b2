import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The parsed body when it is `application/x-www-form-urlencoded` (RFC 6750 §2.2: the only body
 * that may carry `access_token`); undefined for any other content type.
 */
export const FormBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Record<string, unknown> | undefined => {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!req.is('application/x-www-form-urlencoded')) return undefined;
    const body: unknown = req.body;
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  },
);
