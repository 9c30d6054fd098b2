import { Module } from '@nestjs/common';
import { Clock } from '../../core';
import { EmailVerificationModule } from '../../email-verification/email-verification.module';
import { RecoveryModule } from '../../recovery/recovery.module';
import { AccountFlowRetentionRepository } from '../../storage/retention/account-flow-retention.repository';
import { OAuth2RetentionRepository } from '../../storage/retention/oauth2-retention.repository';
import { SessionRetentionRepository } from '../../storage/retention/session-retention.repository';
import { JOB_HANDLERS, type JobHandler } from '../job-handler';
import { JobWorkers } from '../job-workers.service';
import { CleanupJob, CLEANUPS } from './cleanup.jobs';
import { DeactivateUserJob } from './deactivate-user.job';
import { ExpireInactiveSessionsJob } from './expire-inactive-sessions.job';
import { ProvisionUserJob } from './provision-user.job';
import { ReactivateUserJob } from './reactivate-user.job';
import { SendAccountRecoveryEmailJob } from './send-account-recovery-email.job';
import { SendEmailAuthenticationCodeJob } from './send-email-authentication-code.job';
import { SyncDevicesJob } from './sync-devices.job';

const HANDLERS = [
  SyncDevicesJob,
  ProvisionUserJob,
  DeactivateUserJob,
  ReactivateUserJob,
  ExpireInactiveSessionsJob,
  SendAccountRecoveryEmailJob,
  SendEmailAuthenticationCodeJob,
];

/**
 * Every job handler and the JobWorkers that run them when the process is a worker (the job
 * setup decides). Needs the global config, core, storage, users, homeserver and jobs modules.
 */
@Module({
  imports: [RecoveryModule, EmailVerificationModule],
  providers: [
    ...HANDLERS,
    {
      provide: JOB_HANDLERS,
      inject: [
        ...HANDLERS,
        Clock,
        OAuth2RetentionRepository,
        SessionRetentionRepository,
        AccountFlowRetentionRepository,
      ],
      useFactory: (
        sync: SyncDevicesJob,
        provision: ProvisionUserJob,
        deactivate: DeactivateUserJob,
        reactivate: ReactivateUserJob,
        expire: ExpireInactiveSessionsJob,
        recovery: SendAccountRecoveryEmailJob,
        emailCode: SendEmailAuthenticationCodeJob,
        clock: Clock,
        oauth2: OAuth2RetentionRepository,
        sessions: SessionRetentionRepository,
        flows: AccountFlowRetentionRepository,
      ): JobHandler[] => [
        sync,
        provision,
        deactivate,
        reactivate,
        expire,
        recovery,
        emailCode,
        ...CLEANUPS.map((def) => new CleanupJob(def, { oauth2, sessions, flows }, clock)),
      ],
    },
    JobWorkers,
  ],
  exports: [JobWorkers],
})
export class JobWorkersModule {}
