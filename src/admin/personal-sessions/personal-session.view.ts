import type { PersonalSessionWithToken } from '../../storage/personal/personal-session-admin.repository';
import { DATE_TIME, nullable, object, STRING, ULID } from '../common/api-docs';
import { ADMIN_API_BASE, isoOrNull, type ResourceKind } from '../common/envelope';

export const PERSONAL_SESSION_KIND: ResourceKind = {
  type: 'personal-session',
  path: `${ADMIN_API_BASE}/personal-sessions`,
};

/** MAS admin/model.rs `PersonalSession`; `access_token` only right after it is minted. */
export function personalSessionView(
  { session: s, token }: PersonalSessionWithToken,
  accessToken?: string,
) {
  return {
    id: s.id,
    attributes: {
      created_at: s.createdAt.toISOString(),
      revoked_at: isoOrNull(s.revokedAt),
      owner_user_id: s.ownerUserId,
      owner_client_id: s.ownerOAuth2ClientId,
      actor_user_id: s.actorUserId,
      human_name: s.humanName,
      scope: s.scopeList.join(' '),
      last_active_at: isoOrNull(s.lastActiveAt),
      last_active_ip: s.lastActiveIp,
      expires_at: isoOrNull(token?.expiresAt ?? null),
      ...(accessToken !== undefined ? { access_token: accessToken } : {}),
    },
  };
}

export const PERSONAL_SESSION_SCHEMA = object(
  {
    created_at: DATE_TIME,
    revoked_at: nullable(DATE_TIME),
    owner_user_id: nullable(ULID),
    owner_client_id: nullable(ULID),
    actor_user_id: ULID,
    human_name: STRING,
    scope: STRING,
    last_active_at: nullable(DATE_TIME),
    last_active_ip: nullable(STRING),
    expires_at: nullable(DATE_TIME),
    access_token: STRING,
  },
  ['access_token'],
);
