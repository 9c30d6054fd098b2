import { Global, Module } from '@nestjs/common';
import { MatrixConfig } from '../config';
import { createHomeserverConnection } from './create-homeserver-connection';
import { DeviceSync } from './device-sync.service';
import { HomeserverConnection } from './homeserver-connection';
import { SessionProvisioner } from './session-provisioner.service';
import { UserDeviceLock } from './user-device-lock';
import { UserProvisioner } from './user-provisioner.service';

/**
 * The homeserver connection chosen by `matrix.kind`, and the services that keep the homeserver's
 * users and devices in step with ours. Needs the global config, storage and jobs modules.
 */
@Global()
@Module({
  providers: [
    {
      provide: HomeserverConnection,
      inject: [MatrixConfig],
      useFactory: (matrix: MatrixConfig) => createHomeserverConnection(matrix),
    },
    UserDeviceLock,
    DeviceSync,
    SessionProvisioner,
    UserProvisioner,
  ],
  exports: [HomeserverConnection, UserDeviceLock, DeviceSync, SessionProvisioner, UserProvisioner],
})
export class HomeserverModule {}
