import { Module } from '@nestjs/common';
import { ActivityTracker } from './activity-tracker';

/**
 * Batched session activity (`last_active_at`), shared by every surface that sees a session used;
 * needs the global core and storage modules. One tracker per process: Nest instantiates a module
 * once however many modules import it.
 */
@Module({ providers: [ActivityTracker], exports: [ActivityTracker] })
export class ActivityModule {}
