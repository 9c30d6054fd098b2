import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions';
import { AccountErrorFilter } from './account-error.filter';
import { AccountFeatures } from './account-features';
import { AccountMetadataContributor } from './account-metadata.contributor';
import { AccountPageController } from './account-page.controller';
import { AccountPageService } from './account-page.service';
import { CrossSigningResetController } from './cross-signing/cross-signing-reset.controller';
import { CrossSigningResetPages } from './cross-signing/cross-signing-reset-pages.service';
import { DeactivationController } from './deactivate/deactivation.controller';
import { DeactivationPages } from './deactivate/deactivation-pages.service';
import { ChangePasswordWellKnownController } from './password/change-password-well-known.controller';
import { PasswordChangeController } from './password/password-change.controller';
import { PasswordChangePages } from './password/password-change-pages.service';
import { DevicePagesController } from './sessions/device-pages.controller';
import { SessionPagesController } from './sessions/session-pages.controller';
import { SessionPages } from './sessions/session-pages.service';

/**
 * The account management surface (resource `human`): `/account` (profile and the MSC4191
 * deep links advertised in discovery), `/account/password`, `/account/sessions`,
 * `/account/devices/{id}`, `/account/deactivate`, `/account/cross-signing-reset` and
 * `/.well-known/change-password`.
 */
@Module({
  imports: [SessionsModule],
  controllers: [
    AccountPageController,
    PasswordChangeController,
    ChangePasswordWellKnownController,
    SessionPagesController,
    DevicePagesController,
    DeactivationController,
    CrossSigningResetController,
  ],
  providers: [
    AccountPageService,
    AccountFeatures,
    AccountMetadataContributor,
    AccountErrorFilter,
    PasswordChangePages,
    SessionPages,
    DeactivationPages,
    CrossSigningResetPages,
  ],
})
export class AccountModule {}
