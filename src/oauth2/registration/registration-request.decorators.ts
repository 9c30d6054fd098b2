import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { OAuthError } from '../../core';

/**
 * The decoded JSON body (RFC 7591 §3.1: the request is `application/json`). Any other content
 * type is `invalid_request`; malformed JSON never gets here (the body parser answers 400).
 */
export const JsonBody = createParamDecorator((_data: unknown, ctx: ExecutionContext): unknown => {
  const req = ctx.switchToHttp().getRequest<Request>();
  if (!req.is('application/json')) {
    throw new OAuthError('invalid_request', 'the request body must be application/json');
  }
  return req.body as unknown;
});

/** The RFC 6750 §2.1 Bearer token of the `Authorization` header, or undefined. */
export const BearerToken = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => {
    const header = ctx.switchToHttp().getRequest<Request>().headers.authorization;
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
    return match?.[1];
  },
);
