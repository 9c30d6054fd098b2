import type { UserSessionEntity } from '../../storage/browser-sessions/user-session.entity';
import type { CompatSessionWithSso } from '../../storage/compat/compat-session-admin.repository';
import type { OAuth2SessionEntity } from '../../storage/oauth2/oauth2-session.entity';
import { DATE_TIME, nullable, object, STRING, ULID } from '../common/api-docs';
import { ADMIN_API_BASE, isoOrNull, type ResourceKind } from '../common/envelope';

export const USER_SESSION_KIND: ResourceKind = {
  type: 'user-session',
  path: `${ADMIN_API_BASE}/user-sessions`,
};
export const COMPAT_SESSION_KIND: ResourceKind = {
  type: 'compat-session',
  path: `${ADMIN_API_BASE}/compat-sessions`,
};
export const OAUTH2_SESSION_KIND: ResourceKind = {
  type: 'oauth2-session',
  path: `${ADMIN_API_BASE}/oauth2-sessions`,
};

/** MAS admin/model.rs `UserSession`. */
export const userSessionView = (s: UserSessionEntity) => ({
  id: s.id,
  attributes: {
    created_at: s.createdAt.toISOString(),
    finished_at: isoOrNull(s.finishedAt),
    user_id: s.userId,
    user_agent: s.userAgent,
    last_active_at: isoOrNull(s.lastActiveAt),
    last_active_ip: s.lastActiveIp,
  },
});

/** MAS admin/model.rs `CompatSession`. */
export const compatSessionView = ({ session: s, redirectUri }: CompatSessionWithSso) => ({
  id: s.id,
  attributes: {
    user_id: s.userId,
    device_id: s.deviceId,
    user_session_id: s.userSessionId,
    redirect_uri: redirectUri,
    created_at: s.createdAt.toISOString(),
    user_agent: s.userAgent,
    last_active_at: isoOrNull(s.lastActiveAt),
    last_active_ip: s.lastActiveIp,
    finished_at: isoOrNull(s.finishedAt),
    human_name: s.humanName,
  },
});

/** MAS admin/model.rs `OAuth2Session`. */
export const oauth2SessionView = (s: OAuth2SessionEntity) => ({
  id: s.id,
  attributes: {
    created_at: s.createdAt.toISOString(),
    finished_at: isoOrNull(s.finishedAt),
    user_id: s.userId,
    user_session_id: s.userSessionId,
    client_id: s.oauth2ClientId,
    scope: s.scopeList.join(' '),
    user_agent: s.userAgent,
    last_active_at: isoOrNull(s.lastActiveAt),
    last_active_ip: s.lastActiveIp,
    human_name: s.humanName,
  },
});

const IP = nullable({ type: 'string', format: 'ip' });
const OPT_STRING = nullable(STRING);

export const USER_SESSION_SCHEMA = object({
  created_at: DATE_TIME,
  finished_at: nullable(DATE_TIME),
  user_id: ULID,
  user_agent: OPT_STRING,
  last_active_at: nullable(DATE_TIME),
  last_active_ip: IP,
});

export const COMPAT_SESSION_SCHEMA = object({
  user_id: ULID,
  device_id: OPT_STRING,
  user_session_id: nullable(ULID),
  redirect_uri: OPT_STRING,
  created_at: DATE_TIME,
  user_agent: OPT_STRING,
  last_active_at: nullable(DATE_TIME),
  last_active_ip: IP,
  finished_at: nullable(DATE_TIME),
  human_name: OPT_STRING,
});

export const OAUTH2_SESSION_SCHEMA = object({
  created_at: DATE_TIME,
  finished_at: nullable(DATE_TIME),
  user_id: nullable(ULID),
  user_session_id: nullable(ULID),
  client_id: ULID,
  scope: STRING,
  user_agent: OPT_STRING,
  last_active_at: nullable(DATE_TIME),
  last_active_ip: IP,
  human_name: OPT_STRING,
});
