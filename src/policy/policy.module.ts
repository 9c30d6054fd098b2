import { Module } from '@nestjs/common';
import { PolicyDataSource } from './policy-data.source';
import { PolicyDataUpdates } from './policy-data-updates';
import { PolicyEngine } from './policy.engine';
import { SessionCounter } from './session-counter';

const SERVICES = [PolicyDataSource, PolicyDataUpdates, PolicyEngine, SessionCounter];

/**
 * The policy engine (MAS `policies/*.rego`, inventory §10), shared by the surfaces and the CLI.
 * Needs the global config, core and storage modules.
 */
@Module({ providers: SERVICES, exports: SERVICES })
export class PolicyModule {}
