import { Controller, Get, Header } from '@nestjs/common';
import type { JWK } from 'jose';
import { ServedBy } from '../../http/resource';
import { JwksService } from './jwks.service';

@Controller()
@ServedBy('oauth')
export class JwksController {
  constructor(private readonly jwks: JwksService) {}

  @Get('oauth2/keys.json')
  @Header('Cache-Control', 'public, max-age=3600')
  keys(): { keys: JWK[] } {
    return this.jwks.publicKeys();
  }
}
