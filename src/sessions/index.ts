export {
  AccountSessions,
  MAX_SESSION_NAME_LENGTH,
  type AccountSession,
  type AccountSessionOverview,
} from './account-sessions.service';
export { CompatSessionEvictor } from './compat-session-evictor';
export { CompatSessionStarter } from './compat-session-starter';
export type { CompatSessionRequest, StartedCompatSession } from './compat-session-starter';
export { CompatSessionTerminator } from './compat-session-terminator';
export { CompatTokenIssuer } from './compat-token-issuer';
export type { IssuedCompatTokens } from './compat-token-issuer';
export { OAuth2SessionTerminator } from './oauth2-session-terminator';
export { PersonalSessionTerminator } from './personal-session-terminator';
export { SessionsModule } from './sessions.module';
export { UserSessionsTerminator } from './user-sessions-terminator';
export type { UserSessionCounts } from './user-sessions-terminator';
export { TooManySessions, type SessionLine } from './too-many-sessions';
