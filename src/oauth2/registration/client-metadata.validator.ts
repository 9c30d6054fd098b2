import { Injectable } from '@nestjs/common';
import {
  parseClientMetadata,
  registrationErrorFor,
  signingAlgViolations,
  validateClientMetadata,
  withoutDeviceCodeGrant,
  type ClientMetadata,
} from '../../client-registration';
import { OAuthConfig, PolicyConfig } from '../../config';
import { Keystore, OAuthError } from '../../core';

/** Turns a request body into registrable metadata, or throws the RFC 7591 §3.2.2 error. */
@Injectable()
export class ClientMetadataValidator {
  constructor(
    private readonly policy: PolicyConfig,
    private readonly oauth: OAuthConfig,
    private readonly keystore: Keystore,
  ) {}

  validate(body: unknown): ClientMetadata {
    const parsed = parseClientMetadata(body);
    if (!parsed.ok) throw new OAuthError(parsed.code, parsed.description);
    // MAS drops the device-code grant before validation when RFC 8628 is switched off.
    const metadata = this.oauth.device_code_grant_enabled
      ? parsed.metadata
      : withoutDeviceCodeGrant(parsed.metadata);
    const violations = [
      ...validateClientMetadata(metadata, this.policy.data.client_registration ?? {}),
      ...signingAlgViolations(metadata, this.keystore.signingAlgorithms()),
    ];
    if (violations.length > 0) {
      const { code, description } = registrationErrorFor(violations);
      throw new OAuthError(code, description);
    }
    return metadata;
  }
}
