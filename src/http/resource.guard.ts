import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { listenerOf } from './listener-context';
import { SERVED_BY, type ResourceName } from './resource';

/**
 * Answers 404 for a route whose resource the accepting listener does not serve, so a route
 * is never reachable on a listener that did not ask for it (fails closed: a controller
 * without `@ServedBy` is reachable nowhere).
 */
@Injectable()
export class ResourceGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const resource = this.reflector.getAllAndOverride<ResourceName | undefined>(SERVED_BY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const listener = listenerOf(req);
    if (!resource || !listener || !listener.resources.has(resource)) {
      throw new NotFoundException();
    }
    return true;
  }
}
