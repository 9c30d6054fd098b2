import { Module } from '@nestjs/common';
import { RecoveryModule } from '../../recovery';
import { WebPageErrorFilter } from '../../web-session';
import { RecoverController } from './recover.controller';
import { RecoveryLinkController } from './recovery-link.controller';
import { RecoveryPages } from './recovery-pages.service';

/** The password recovery pages (resource `human`): `/recover`, `/account/password/recovery`. */
@Module({
  imports: [RecoveryModule],
  controllers: [RecoverController, RecoveryLinkController],
  providers: [RecoveryPages, WebPageErrorFilter],
})
export class RecoveryPagesModule {}
