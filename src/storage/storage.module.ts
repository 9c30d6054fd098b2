import { Global, Module } from '@nestjs/common';
import { UserSessionAdminRepository } from './browser-sessions/user-session-admin.repository';
import { CompatSessionAdminRepository } from './compat/compat-session-admin.repository';
import { OAuth2ClientAdminRepository } from './oauth2/oauth2-client-admin.repository';
import { OAuth2SessionAdminRepository } from './oauth2/oauth2-session-admin.repository';
import { PersonalSessionAdminRepository } from './personal/personal-session-admin.repository';
import { UserAdminRepository } from './users/user-admin.repository';
import { UserEmailAdminRepository } from './users/user-email-admin.repository';
import { UserRegistrationTokenAdminRepository } from './users/user-registration-token-admin.repository';
import { UserSessionAuthenticationRepository } from './browser-sessions/user-session-authentication.repository';
import { UserSessionRepository } from './browser-sessions/user-session.repository';
import { CompatAccessTokenRepository } from './compat/compat-access-token.repository';
import { CompatRefreshTokenRepository } from './compat/compat-refresh-token.repository';
import { CompatSessionRepository } from './compat/compat-session.repository';
import { CompatSsoLoginRepository } from './compat/compat-sso-login.repository';
import { OAuth2ClientAssertionRepository } from './oauth2/oauth2-client-assertion.repository';
import { OAuth2AccessTokenRepository } from './oauth2/oauth2-access-token.repository';
import { OAuth2AuthorizationGrantRepository } from './oauth2/oauth2-authorization-grant.repository';
import { OAuth2ClientRepository } from './oauth2/oauth2-client.repository';
import { OAuth2DeviceCodeGrantRepository } from './oauth2/oauth2-device-code-grant.repository';
import { OAuth2RefreshTokenRepository } from './oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from './oauth2/oauth2-session.repository';
import { PersonalAccessTokenRepository } from './personal/personal-access-token.repository';
import { PersonalSessionRepository } from './personal/personal-session.repository';
import { PolicyDataRepository } from './policy/policy-data.repository';
import { AccountSessionsRepository } from './sessions/account-sessions.repository';
import { ActiveUserSessionsRepository } from './sessions/active-user-sessions.repository';
import { UserEmailRepository } from './users/user-email.repository';
import { UserPasswordRepository } from './users/user-password.repository';
import { UserRegistrationTokenRepository } from './users/user-registration-token.repository';
import { AccountFlowRetentionRepository } from './retention/account-flow-retention.repository';
import { InactiveSessionRepository } from './retention/inactive-session.repository';
import { OAuth2RetentionRepository } from './retention/oauth2-retention.repository';
import { SessionRetentionRepository } from './retention/session-retention.repository';
import { UserClosureRepository } from './users/user-closure.repository';
import { UserRecoveryRepository } from './users/user-recovery.repository';
import { UserRepository } from './users/user.repository';
import { UpstreamOAuthLinkRepository } from './upstream/upstream-oauth-link.repository';
import { UpstreamOAuthProviderRepository } from './upstream/upstream-oauth-provider.repository';
import { UserEmailAuthenticationRepository } from './users/user-email-authentication.repository';
import { UserRegistrationRepository } from './users/user-registration.repository';

/** The repositories; each owns its slice of the ORM so services never see it. */
const REPOSITORIES = [
  UserRepository,
  UserPasswordRepository,
  UserEmailRepository,
  UserRegistrationTokenRepository,
  UserSessionRepository,
  UserSessionAuthenticationRepository,
  OAuth2ClientRepository,
  OAuth2ClientAssertionRepository,
  OAuth2AuthorizationGrantRepository,
  OAuth2DeviceCodeGrantRepository,
  OAuth2SessionRepository,
  OAuth2AccessTokenRepository,
  OAuth2RefreshTokenRepository,
  CompatSessionRepository,
  CompatAccessTokenRepository,
  CompatRefreshTokenRepository,
  CompatSsoLoginRepository,
  PersonalSessionRepository,
  PersonalAccessTokenRepository,
  UserClosureRepository,
  UserRecoveryRepository,
  OAuth2RetentionRepository,
  SessionRetentionRepository,
  AccountFlowRetentionRepository,
  InactiveSessionRepository,
  PolicyDataRepository,
  ActiveUserSessionsRepository,
  AccountSessionsRepository,
  UserAdminRepository,
  UserEmailAdminRepository,
  UserRegistrationTokenAdminRepository,
  UserSessionAdminRepository,
  CompatSessionAdminRepository,
  OAuth2SessionAdminRepository,
  OAuth2ClientAdminRepository,
  PersonalSessionAdminRepository,
  UpstreamOAuthProviderRepository,
  UpstreamOAuthLinkRepository,
  UserEmailAuthenticationRepository,
  UserRegistrationRepository,
];

@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class StorageModule {}
