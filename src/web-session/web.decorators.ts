import { createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { WebSessionGuard, webContextOf } from './web-session.guard';
import type { WebContext } from './web-context';

/** Resolves the browser session and checks CSRF on unsafe methods for every route it covers. */
export const UseWebSession = () => UseGuards(WebSessionGuard);

/** The request's {@link WebContext}; the route must be covered by {@link UseWebSession}. */
export const Web = createParamDecorator((_data: unknown, ctx: ExecutionContext): WebContext => {
  const web = webContextOf(ctx.switchToHttp().getRequest<Request>());
  if (!web) throw new Error('@Web() used on a route without @UseWebSession()');
  return web;
});
