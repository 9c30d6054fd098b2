import type { UserEntity } from '../storage/users/user.entity';

/** A local account as the rest of the application sees it (never the entity). */
export interface UserView {
  id: string;
  username: string;
  createdAt: Date;
  lockedAt: Date | null;
  deactivatedAt: Date | null;
  canRequestAdmin: boolean;
}

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    createdAt: user.createdAt,
    lockedAt: user.lockedAt,
    deactivatedAt: user.deactivatedAt,
    canRequestAdmin: user.canRequestAdmin,
  };
}
