import { Module } from '@nestjs/common';
import { EmailVerificationModule } from '../email-verification';
import { PolicyModule } from '../policy';
import { RegistrationFlow } from './registration-flow.service';
import { RegistrationSettings } from './registration-settings';
import { RegistrationStart } from './registration-start.service';
import { UsernameAvailability } from './username-availability.service';

const SERVICES = [RegistrationSettings, UsernameAvailability, RegistrationStart, RegistrationFlow];

/**
 * Password registration (MAS views/register/*), below the registration pages. Needs the
 * global config, core, database, storage, jobs, users, homeserver and rate-limit modules.
 */
@Module({
  imports: [EmailVerificationModule, PolicyModule],
  providers: SERVICES,
  exports: [...SERVICES, EmailVerificationModule],
})
export class RegistrationModule {}
