import { Module } from '@nestjs/common';
import { AccountSessions } from './account-sessions.service';
import { CompatSessionEvictor } from './compat-session-evictor';
import { CompatSessionStarter } from './compat-session-starter';
import { CompatSessionTerminator } from './compat-session-terminator';
import { CompatTokenIssuer } from './compat-token-issuer';
import { OAuth2SessionTerminator } from './oauth2-session-terminator';
import { PersonalSessionTerminator } from './personal-session-terminator';
import { TooManySessions } from './too-many-sessions';
import { UserSessionsTerminator } from './user-sessions-terminator';

const SERVICES = [
  OAuth2SessionTerminator,
  CompatSessionTerminator,
  PersonalSessionTerminator,
  CompatTokenIssuer,
  CompatSessionStarter,
  CompatSessionEvictor,
  UserSessionsTerminator,
  TooManySessions,
  AccountSessions,
];

/**
 * Starting and ending Matrix sessions, shared by the surfaces and the CLI. Needs the global
 * config, core, database, storage, homeserver and jobs modules.
 */
@Module({ providers: SERVICES, exports: SERVICES })
export class SessionsModule {}
