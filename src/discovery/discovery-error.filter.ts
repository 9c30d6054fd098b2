import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../core';

/** Maps domain errors on the discovery surface to RFC 6749 §5.2-shaped JSON with status 400. */
@Catch(DomainError)
export class DiscoveryErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(400)
      .json({ error: error.code, error_description: error.message });
  }
}
