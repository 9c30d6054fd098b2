import { Module } from '@nestjs/common';
import { PolicyModule } from '../../policy';
import { SessionsModule } from '../../sessions';
import { DeviceAuthorizationController } from './device-authorization.controller';
import { DeviceAuthorizationService } from './device-authorization.service';
import { DeviceConsentController } from './device-consent.controller';
import { DeviceConsentService } from './device-consent.service';
import { DeviceGrantPolicy } from './device-grant.policy';
import { DeviceGrantEnabledGuard } from './device-grant-enabled.guard';
import { DeviceLinkController } from './device-link.controller';
import { DeviceLinkService } from './device-link.service';
import { DeviceMetadataContributor } from './device-metadata.contributor';

/**
 * The device authorization grant (RFC 8628, MSC4341) up to the person's answer: the device
 * authorization endpoint (resource `oauth`) and the `/link` and `/device/{id}` pages
 * (resource `human`). The token endpoint's `device_code` grant redeems the answer.
 */
@Module({
  imports: [PolicyModule, SessionsModule],
  controllers: [DeviceAuthorizationController, DeviceLinkController, DeviceConsentController],
  providers: [
    DeviceAuthorizationService,
    DeviceLinkService,
    DeviceConsentService,
    DeviceGrantPolicy,
    DeviceGrantEnabledGuard,
    DeviceMetadataContributor,
  ],
})
export class DeviceModule {}
