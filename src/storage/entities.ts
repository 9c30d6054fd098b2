import { UserSessionAuthenticationEntity } from './browser-sessions/user-session-authentication.entity';
import { UserSessionEntity } from './browser-sessions/user-session.entity';
import { CompatAccessTokenEntity } from './compat/compat-access-token.entity';
import { CompatRefreshTokenEntity } from './compat/compat-refresh-token.entity';
import { CompatSessionEntity } from './compat/compat-session.entity';
import { CompatSsoLoginEntity } from './compat/compat-sso-login.entity';
import { OAuth2AccessTokenEntity } from './oauth2/oauth2-access-token.entity';
import { OAuth2ClientAssertionJtiEntity } from './oauth2/oauth2-client-assertion.entity';
import { OAuth2AuthorizationGrantEntity } from './oauth2/oauth2-authorization-grant.entity';
import { OAuth2ClientEntity } from './oauth2/oauth2-client.entity';
import { OAuth2DeviceCodeGrantEntity } from './oauth2/oauth2-device-code-grant.entity';
import { OAuth2RefreshTokenEntity } from './oauth2/oauth2-refresh-token.entity';
import { OAuth2SessionEntity } from './oauth2/oauth2-session.entity';
import { PersonalAccessTokenEntity } from './personal/personal-access-token.entity';
import { PersonalSessionEntity } from './personal/personal-session.entity';
import { PolicyDataEntity } from './policy/policy-data.entity';
import { UpstreamOAuthAuthorizationSessionEntity } from './upstream/upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from './upstream/upstream-oauth-link.entity';
import { UpstreamOAuthProviderEntity } from './upstream/upstream-oauth-provider.entity';
import { UserEmailAuthenticationCodeEntity } from './users/user-email-authentication-code.entity';
import { UserEmailAuthenticationEntity } from './users/user-email-authentication.entity';
import { UserEmailEntity } from './users/user-email.entity';
import { UserPasswordEntity } from './users/user-password.entity';
import { UserRecoverySessionEntity } from './users/user-recovery-session.entity';
import { UserRecoveryTicketEntity } from './users/user-recovery-ticket.entity';
import { UserRegistrationTokenEntity } from './users/user-registration-token.entity';
import { UserRegistrationEntity } from './users/user-registration.entity';
import { UserTermsEntity } from './users/user-terms.entity';
import { UserUnsupportedThirdPartyIdEntity } from './users/user-unsupported-third-party-id.entity';
import { UserEntity } from './users/user.entity';

/** Every TypeORM entity of the service; the data source and the drift check use this list. */
export const ALL_ENTITIES: Function[] = [
  // users
  UserEntity,
  UserPasswordEntity,
  UserEmailEntity,
  UserEmailAuthenticationEntity,
  UserEmailAuthenticationCodeEntity,
  UserRecoverySessionEntity,
  UserRecoveryTicketEntity,
  UserTermsEntity,
  UserUnsupportedThirdPartyIdEntity,
  UserRegistrationEntity,
  UserRegistrationTokenEntity,
  // browser-sessions
  UserSessionEntity,
  UserSessionAuthenticationEntity,
  // oauth2
  OAuth2ClientEntity,
  OAuth2AuthorizationGrantEntity,
  OAuth2SessionEntity,
  OAuth2AccessTokenEntity,
  OAuth2RefreshTokenEntity,
  OAuth2DeviceCodeGrantEntity,
  OAuth2ClientAssertionJtiEntity,
  // personal
  PersonalSessionEntity,
  PersonalAccessTokenEntity,
  // compat
  CompatSessionEntity,
  CompatAccessTokenEntity,
  CompatRefreshTokenEntity,
  CompatSsoLoginEntity,
  // upstream
  UpstreamOAuthProviderEntity,
  UpstreamOAuthLinkEntity,
  UpstreamOAuthAuthorizationSessionEntity,
  // policy
  PolicyDataEntity,
];
