import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OAuth2ClientEntity } from './oauth2-client.entity';

/** Reads and writes OAuth 2.0 clients (`oauth2_clients`), static and dynamically registered. */
@Injectable()
export class OAuth2ClientRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The client with this id, or null when there is none. */
  findById(id: string): Promise<OAuth2ClientEntity | null> {
    return this.dataSource.getRepository(OAuth2ClientEntity).findOneBy({ id });
  }
}
