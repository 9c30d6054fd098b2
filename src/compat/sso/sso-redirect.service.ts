import { Injectable } from '@nestjs/common';
import { Clock, hashToken, Rng } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { CompatSsoLoginRepository } from '../../storage/compat/compat-sso-login.repository';
import { MatrixError } from '../matrix-error';
import { completeSsoPath } from './sso-paths';
import { redirectUrlProblem } from './sso-redirect-url';

/** Random characters in a login token (MAS: 32 alphanumerics). */
export const LOGIN_TOKEN_LENGTH = 32;

/**
 * `GET /_matrix/client/{version}/login/sso/redirect[/{idpId}]?redirectUrl=…` (C-S spec
 * "Client login via SSO"; MAS compat/login_sso_redirect.rs): records a pending SSO login and
 * sends the browser to the page where the person signs in and confirms it. The `{idpId}` is
 * ignored: mas-ts is the only identity provider the client sees.
 */
@Injectable()
export class SsoRedirectService {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly logins: CompatSsoLoginRepository,
    private readonly urls: UrlBuilder,
  ) {}

  /** The absolute URL to send the browser to; 400 for a missing or unusable `redirectUrl`. */
  async start(redirectUrl: unknown): Promise<string> {
    if (redirectUrl === undefined || redirectUrl === '') {
      throw new MatrixError(400, 'M_MISSING_PARAM', "Missing parameter 'redirectUrl'");
    }
    if (typeof redirectUrl !== 'string') {
      throw new MatrixError(400, 'M_INVALID_PARAM', 'redirectUrl must be given once');
    }
    const problem = redirectUrlProblem(redirectUrl);
    if (problem) throw new MatrixError(400, 'M_INVALID_PARAM', problem);
    const id = this.rng.ulid();
    await this.logins.add({
      id,
      redirectUri: redirectUrl,
      // Never revealed: the real login token is drawn when the person confirms.
      placeholderSha256: hashToken(this.rng.alphanumeric(LOGIN_TOKEN_LENGTH)),
      createdAt: this.clock.now(),
    });
    return this.urls.absolute(completeSsoPath(id));
  }
}
