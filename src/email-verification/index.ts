export {
  EMAIL_CODE_LENGTH,
  EMAIL_CODE_MINUTES,
  EMAIL_CODE_TTL_MS,
  normalizeEmailCode,
} from './email-code';
export { EmailCodeMailer, type EmailCodeOutcome } from './email-code-mailer.service';
export {
  EmailVerifications,
  type CodeCheck,
  type EmailAuthenticationOwner,
  type EmailCheck,
  type EmailRefusal,
  type EmailRequester,
  type EmailStart,
  type Resend,
  type UnusableAuthentication,
} from './email-verifications.service';
export { EmailVerificationModule } from './email-verification.module';
