import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthError } from '../../core';
import { sendOAuthError } from './oauth-error-response';

/** For JSON OAuth endpoints: an `OAuthError` becomes RFC 6749 §5.2 JSON. */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    sendOAuthError(host.switchToHttp().getResponse<Response>(), error);
  }
}
