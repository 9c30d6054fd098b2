import { Injectable } from '@nestjs/common';
import { UrlBuilder } from '../../http/url-builder';
import { externalRedirect, page, type WebResult } from '../../web-session';
import {
  buildAuthorizationResponse,
  type ResponseTarget,
  toErrorDescription,
} from './authorization-response';

/** Sends authorization responses (codes and errors) back to a client's verified redirect URI. */
@Injectable()
export class AuthorizationResponder {
  constructor(private readonly urls: UrlBuilder) {}

  /** RFC 6749 §4.1.2: the code, with `state` and `iss` (RFC 9207). */
  code(target: ResponseTarget, code: string): WebResult {
    return this.send(target, { code });
  }

  /** RFC 6749 §4.1.2.1: an error code and a readable description. */
  error(target: ResponseTarget, error: string, description: string): WebResult {
    return this.send(target, { error, error_description: toErrorDescription(description) });
  }

  private send(target: ResponseTarget, params: Record<string, string>): WebResult {
    const response = buildAuthorizationResponse(target, params, this.urls.issuer);
    switch (response.kind) {
      case 'redirect':
        return externalRedirect(response.url);
      case 'form_post':
        // OAuth 2.0 Form Post Response Mode §2: an auto-submitting form, usable without JS.
        return page('form-post.njk', { action: response.action, fields: response.fields });
    }
  }
}
