export * from './client-metadata';
export { canonicalJson, metadataDigest } from './canonical-json';
export * from './effective-settings';
export { parseClientMetadata, type ParseResult } from './parse-client-metadata';
export { signingAlgViolations } from './signing-algs.rule';
export { validateClientMetadata } from './validate-client-metadata';
export {
  registrationErrorFor,
  type RegistrationErrorCode,
  type RegistrationViolation,
} from './violation';
