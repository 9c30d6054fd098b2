import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { attachCaller } from './admin-caller';
import { AdminAuthenticator } from './admin-authenticator.service';

/** Lets an admin API call through only with an admin token (MAS `CallContext`). */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly authenticator: AdminAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const caller = await this.authenticator.authenticate(req.headers.authorization, req.ip ?? null);
    attachCaller(req, caller);
    return true;
  }
}
