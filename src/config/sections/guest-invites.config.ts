import type { ConfigProblem } from '../config-error';
import type { CrossChecked } from '../validation/cross-check';
import { Bool, Int, Opt, Rule, isUrl } from '../validation/rules';

const isRoomUrl = (v: unknown): boolean => isUrl(v) && (v as string).includes('{room_id}');

/** `guest_invites` (MAS docs/reference/configuration.md#guest_invites). */
export class GuestInvitesConfig implements CrossChecked {
  @Bool() enabled: boolean = false;

  @Opt()
  @Rule('roomUrl', isRoomUrl, 'must be an http(s) URL containing {room_id}')
  client_room_url?: string;

  /** Seconds; default 7 days. */
  @Int(1) invite_lifetime: number = 604800;

  crossCheck(): ConfigProblem[] {
    return this.enabled === true && !this.client_room_url
      ? [{ path: 'client_room_url', message: 'is required when enabled' }]
      : [];
  }
}
