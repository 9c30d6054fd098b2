import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../../database/transaction';
import { OAuth2ClientEntity } from '../oauth2/oauth2-client.entity';
import { UserEntity } from '../users/user.entity';
import { PersonalAccessTokenEntity } from './personal-access-token.entity';
import { PersonalSessionEntity } from './personal-session.entity';

/**
 * A personal access token with its session, the actor user and the session's owner (exactly
 * one of `ownerUser` and `ownerClient` is set when the owner row exists), read in one query.
 */
export interface PersonalAccessTokenWithContext {
  token: PersonalAccessTokenEntity;
  session: PersonalSessionEntity;
  actor: UserEntity;
  ownerUser: UserEntity | null;
  ownerClient: OAuth2ClientEntity | null;
}

type JoinedRow = PersonalAccessTokenEntity & {
  joinedSession: PersonalSessionEntity;
  joinedActor: UserEntity;
  joinedOwnerUser?: UserEntity | null;
  joinedOwnerClient?: OAuth2ClientEntity | null;
};

/** Personal access tokens (`personal_access_tokens`, `mpt_…`), stored as SHA-256. */
@Injectable()
export class PersonalAccessTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The token with this hash joined with its session, actor user and owner (user or client),
   * in one query starting from the unique index on `access_token_sha256` and following primary
   * keys. Rows come back whatever their state (revoked, expired, locked): the caller judges
   * them. Null when no token has this hash.
   */
  async findByHashWithContext(
    tokenSha256: Buffer,
    tx?: Tx,
  ): Promise<PersonalAccessTokenWithContext | null> {
    const row = (await managerOf(tx, this.dataSource)
      .createQueryBuilder(PersonalAccessTokenEntity, 't')
      .innerJoinAndMapOne(
        't.joinedSession',
        PersonalSessionEntity,
        's',
        's.id = t.personalSessionId',
      )
      .innerJoinAndMapOne('t.joinedActor', UserEntity, 'a', 'a.id = s.actorUserId')
      .leftJoinAndMapOne('t.joinedOwnerUser', UserEntity, 'ou', 'ou.id = s.ownerUserId')
      .leftJoinAndMapOne(
        't.joinedOwnerClient',
        OAuth2ClientEntity,
        'oc',
        'oc.id = s.ownerOAuth2ClientId',
      )
      .where('t.accessTokenSha256 = :hash', { hash: tokenSha256 })
      .getOne()) as JoinedRow | null;
    if (!row) return null;
    const { joinedSession, joinedActor, joinedOwnerUser, joinedOwnerClient, ...token } = row;
    return {
      token: Object.assign(new PersonalAccessTokenEntity(), token),
      session: joinedSession,
      actor: joinedActor,
      ownerUser: joinedOwnerUser ?? null,
      ownerClient: joinedOwnerClient ?? null,
    };
  }
}
