import { Module } from '@nestjs/common';
import { HttpConfig } from '../config';
import { EmailModule } from '../email';
import { UrlBuilder } from '../http/url-builder';
import { SessionsModule } from '../sessions';
import { RecoveryLinks } from './recovery-links.service';
import { RecoveryRequests } from './recovery-requests.service';
import { RecoverySettings } from './recovery-settings';

/**
 * Password recovery by email, shared by the recovery pages (RecoveryRequests) and the mail job
 * (RecoveryLinks). Needs the global config, core, database, storage, jobs, users and homeserver
 * modules; builds its own link URLs so that a worker-only process can mail them.
 */
@Module({
  imports: [EmailModule, SessionsModule],
  providers: [
    {
      provide: UrlBuilder,
      inject: [HttpConfig],
      useFactory: (http: HttpConfig) => new UrlBuilder(http.publicBaseUrl, http.issuerUrl),
    },
    RecoverySettings,
    RecoveryLinks,
    RecoveryRequests,
  ],
  exports: [RecoverySettings, RecoveryLinks, RecoveryRequests],
})
export class RecoveryModule {}
