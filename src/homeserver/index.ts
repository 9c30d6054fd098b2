export { createHomeserverConnection } from './create-homeserver-connection';
export { DeviceSync } from './device-sync.service';
export {
  type FieldChange,
  HomeserverConnection,
  type LocalpartAvailability,
  type MatrixUser,
  type ProvisionOutcome,
  type ProvisionUserRequest,
} from './homeserver-connection';
export {
  HomeserverError,
  HomeserverNotFound,
  type HomeserverOperation,
  HomeserverUnauthorized,
  HomeserverUnexpectedResponse,
  HomeserverUnreachable,
  LocalpartUnavailable,
  type LocalpartUnavailableReason,
} from './homeserver-errors';
export { HomeserverModule } from './homeserver.module';
export { SessionProvisioner, type SessionToProvision } from './session-provisioner.service';
export { UserDeviceLock } from './user-device-lock';
export { type UserPushOutcome, UserProvisioner } from './user-provisioner.service';
