import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserSessionAuthenticationEntity } from './user-session-authentication.entity';

export interface NewPasswordAuthentication {
  id: string;
  userSessionId: string;
  userPasswordId: string;
  createdAt: Date;
}

/** Authentication events of browser sessions (`user_session_authentications`, feeds auth_time). */
@Injectable()
export class UserSessionAuthenticationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserSessionAuthenticationEntity);
  }

  /** Records a password authentication of the session. */
  async addPassword(auth: NewPasswordAuthentication): Promise<UserSessionAuthenticationEntity> {
    return this.repo.save(
      this.repo.create({
        id: auth.id,
        userSessionId: auth.userSessionId,
        userPasswordId: auth.userPasswordId,
        createdAt: auth.createdAt,
        upstreamOAuthAuthorizationSessionId: null,
      }),
    );
  }

  /** The most recent authentication of the session, or null when it has none. */
  findLatestForSession(userSessionId: string): Promise<UserSessionAuthenticationEntity | null> {
    return this.repo.findOne({ where: { userSessionId }, order: { createdAt: 'DESC' } });
  }
}
