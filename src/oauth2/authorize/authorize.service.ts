import { Injectable } from '@nestjs/common';
import { AccountConfig, PasswordsConfig } from '../../config';
import { Clock, isStorableUlid, Rng } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { PolicyEngine } from '../../policy';
import { scopeToString } from '../../scopes/scope';
import { OAuth2AuthorizationGrantRepository } from '../../storage/oauth2/oauth2-authorization-grant.repository';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../storage/oauth2/oauth2-client.repository';
import { passwordRegistrationEnabled } from '../../registration/registration-settings';
import { redirect, type WebContext, type WebResult } from '../../web-session';
import { AuthorizationRedirectError, UnsafeAuthorizationRequest } from './authorization-errors';
import { type AuthorizationParams, param, readAuthorizationParams } from './authorization-params';
import type { ResponseTarget } from './authorization-response';
import type { CheckFailure } from './checks/check-failure';
import { checkParameterShape } from './checks/parameter-shape.check';
import { checkPkce } from './checks/pkce.check';
import { checkPrompt } from './checks/prompt.check';
import { resolveRedirectUri } from './checks/redirect-uri.check';
import { checkResponseMode } from './checks/response-mode.check';
import { checkResponseType } from './checks/response-type.check';
import { checkRequestedScope } from './checks/scope.check';
import { checkUnsupportedParameters } from './checks/unsupported-parameters.check';
import { consentPath, loginPath, registerPath } from './sign-in-paths';

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1; OIDC Core §3.1.2). Checks the request in
 * the order that decides how errors are answered: the client and redirect URI first (an error
 * page, never a redirect), then everything else (an error sent to the verified redirect URI).
 * A valid request becomes a pending grant and the browser goes on to sign-in and consent.
 */
@Injectable()
export class AuthorizeService {
  constructor(
    private readonly clients: OAuth2ClientRepository,
    private readonly grants: OAuth2AuthorizationGrantRepository,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly urls: UrlBuilder,
    private readonly policy: PolicyEngine,
    account: AccountConfig,
    passwords: PasswordsConfig,
  ) {
    this.registrationEnabled = passwordRegistrationEnabled(account, passwords);
  }

  private readonly registrationEnabled: boolean;

  async authorize(web: WebContext, source: unknown): Promise<WebResult> {
    const params = readAuthorizationParams(source);
    const client = await this.client(params);
    const target = this.responseTarget(params, client);
    const refuse = (f: CheckFailure) =>
      new AuthorizationRedirectError(f.error, f.description, target);

    const malformed =
      checkParameterShape(params) ??
      checkUnsupportedParameters(params) ??
      checkResponseType(params, client.grantTypeAuthorizationCode);
    if (malformed) throw refuse(malformed);
    const mode = checkResponseMode(params);
    if (!mode.ok) throw refuse(mode.failure);
    const pkce = checkPkce(params, client.tokenEndpointAuthMethod === 'none');
    if (!pkce.ok) throw refuse(pkce.failure);
    const scope = await checkRequestedScope(params, client.id, this.policy);
    if (!scope.ok) throw refuse(scope.failure);
    const prompt = checkPrompt(params, this.registrationEnabled);
    if (!prompt.ok) throw refuse(prompt.failure);
    if (prompt.requirements.prompt.includes('none')) {
      // OIDC Core §3.1.2.6: nothing may be shown, yet a person must sign in and consent.
      throw refuse(
        web.session
          ? { error: 'consent_required', description: 'consent is asked on every authorization' }
          : { error: 'login_required', description: 'no one is signed in to this browser' },
      );
    }

    const grantId = this.rng.ulid();
    const loginHint = param(params, 'login_hint') ?? null;
    await this.grants.add({
      id: grantId,
      oauth2ClientId: client.id,
      redirectUri: target.redirectUri,
      scope: scopeToString(scope.scope),
      state: target.state,
      nonce: param(params, 'nonce') ?? null,
      responseMode: target.responseMode,
      codeChallengeMethod: pkce.challenge?.method ?? null,
      codeChallenge: pkce.challenge?.value ?? null,
      responseTypeCode: true,
      responseTypeIdToken: false,
      createdAt: this.clock.now(),
      loginHint,
      locale: web.locale,
      rawParameters: params.single,
    });
    if (web.session) return redirect(consentPath(grantId));
    // Initiating User Registration via OIDC 1.0 §4: `create` shows the registration page (MAS
    // also continues to consent when someone is already signed in).
    if (prompt.requirements.prompt.includes('create')) {
      return redirect(registerPath(consentPath(grantId)));
    }
    return redirect(loginPath(consentPath(grantId), loginHint));
  }

  /** RFC 6749 §4.1.2.1: an unknown client is never redirected to. */
  private async client(params: AuthorizationParams): Promise<OAuth2ClientEntity> {
    if (params.repeated.includes('client_id')) {
      throw new UnsafeAuthorizationRequest('repeated_parameter');
    }
    const clientId = param(params, 'client_id');
    if (clientId === undefined) throw new UnsafeAuthorizationRequest('missing_client_id');
    const client = isStorableUlid(clientId) ? await this.clients.findById(clientId) : null;
    if (!client) throw new UnsafeAuthorizationRequest('unknown_client');
    return client;
  }

  /** Where errors may be sent once the redirect URI is verified (RFC 6749 §3.1.2.4). */
  private responseTarget(params: AuthorizationParams, client: OAuth2ClientEntity): ResponseTarget {
    if (params.repeated.includes('redirect_uri')) {
      throw new UnsafeAuthorizationRequest('repeated_parameter');
    }
    const resolved = resolveRedirectUri(client.redirectUris, param(params, 'redirect_uri'));
    if (!resolved.ok) throw new UnsafeAuthorizationRequest(resolved.reason);
    const mode = checkResponseMode(params);
    const state = params.repeated.includes('state') ? null : (params.single.state ?? null);
    return {
      redirectUri: resolved.redirectUri,
      responseMode: mode.ok ? mode.responseMode : 'query',
      state: state === '' ? null : state,
    };
  }
}
