export { ActivityModule } from './activity.module';
export {
  ACTIVITY_TRACKER_OPTIONS,
  type ActivityFlushResult,
  ActivityTracker,
  type ActivityTrackerOptions,
  DEFAULT_ACTIVITY_TRACKER_OPTIONS,
} from './activity-tracker';
export {
  ACTIVITY_SESSION_KINDS,
  type ActivityBatch,
  type ActivitySessionKind,
  PendingActivity,
} from './pending-activity';
