import { Injectable } from '@nestjs/common';
import {
  parseClientMetadata,
  registrationErrorFor,
  signingAlgViolations,
  validateClientMetadata,
  withoutDeviceCodeGrant,
  type ClientMetadata,
} from '../../client-registration';
import { OAuthConfig } from '../../config';
import { Keystore, OAuthError } from '../../core';
import { PolicyEngine } from '../../policy';

/** Turns a request body into registrable metadata, or throws the RFC 7591 §3.2.2 error. */
@Injectable()
export class ClientMetadataValidator {
  constructor(
    private readonly policy: PolicyEngine,
    private readonly oauth: OAuthConfig,
    private readonly keystore: Keystore,
  ) {}

  async validate(body: unknown): Promise<ClientMetadata> {
    const parsed = parseClientMetadata(body);
    if (!parsed.ok) throw new OAuthError(parsed.code, parsed.description);
    // MAS drops the device-code grant before validation when RFC 8628 is switched off.
    const metadata = this.oauth.device_code_grant_enabled
      ? parsed.metadata
      : withoutDeviceCodeGrant(parsed.metadata);
    // MAS: structure, then public suffixes, then the `client_registration` policy; the first
    // stage that refuses decides.
    let violations = validateClientMetadata(metadata);
    if (violations.length === 0) {
      violations = (await this.policy.evaluateClientRegistration({ metadata })).violations;
    }
    violations = [
      ...violations,
      ...signingAlgViolations(metadata, this.keystore.signingAlgorithms()),
    ];
    if (violations.length > 0) {
      const { code, description } = registrationErrorFor(violations);
      throw new OAuthError(code, description);
    }
    return metadata;
  }
}
