import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { ulidToUuid } from '../ulid-column';
import { UserSessionEntity } from './user-session.entity';

export interface NewUserSession {
  id: string;
  userId: string;
  createdAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** Browser sessions (`user_sessions`): created at sign-in, finished at sign-out. */
@Injectable()
export class UserSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserSessionEntity);
  }

  /** Inserts a new, unfinished session; its creation counts as its last activity. */
  async add(session: NewUserSession): Promise<UserSessionEntity> {
    const row = this.repo.create({
      id: session.id,
      userId: session.userId,
      createdAt: session.createdAt,
      finishedAt: null,
      userAgent: session.userAgent,
      lastActiveAt: session.createdAt,
      lastActiveIp: session.ip,
    });
    return this.repo.save(row);
  }

  /** The session with this id whether finished or not, or null when there is none. */
  findById(id: string): Promise<UserSessionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The session with this id if it is not finished, or null (unknown or finished). */
  findActiveById(id: string): Promise<UserSessionEntity | null> {
    return this.repo.findOneBy({ id, finishedAt: IsNull() });
  }

  /**
   * Sets `finished_at` on the session if it is still open; returns false when it was unknown or
   * already finished (the first finish time is kept).
   */
  async finish(id: string, finishedAt: Date): Promise<boolean> {
    const result = await this.repo.update({ id, finishedAt: IsNull() }, { finishedAt });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Finishes every open browser session of the user (`manage kill-sessions`); returns how many
   * it finished.
   */
  async finishAllOfUser(userId: string, finishedAt: Date, tx?: Tx): Promise<number> {
    const result = await managerOf(tx, this.dataSource).update(
      UserSessionEntity,
      { userId, finishedAt: IsNull() },
      { finishedAt },
    );
    return result.affected ?? 0;
  }

  /**
   * Finishes every open browser session of the user except `keepId` ("sign out everywhere
   * else"); returns how many it finished.
   */
  async finishAllOfUserExcept(
    userId: string,
    keepId: string,
    finishedAt: Date,
    tx?: Tx,
  ): Promise<number> {
    const result = await managerOf(tx, this.dataSource)
      .createQueryBuilder()
      .update(UserSessionEntity)
      .set({ finishedAt })
      .where('user_id = :userId AND finished_at IS NULL AND user_session_id <> :keepId', {
        userId: ulidToUuid(userId),
        keepId: ulidToUuid(keepId),
      })
      .execute();
    return result.affected ?? 0;
  }

  /** How many open browser sessions the user has. */
  countActiveOfUser(userId: string, tx?: Tx): Promise<number> {
    return managerOf(tx, this.dataSource).countBy(UserSessionEntity, {
      userId,
      finishedAt: IsNull(),
    });
  }
}
