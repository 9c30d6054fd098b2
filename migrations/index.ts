import { CreateUsers1795348000000 } from './1795348000000-CreateUsers';
import { CreateBrowserSessions1795348001000 } from './1795348001000-CreateBrowserSessions';
import { CreateOAuth21795348002000 } from './1795348002000-CreateOAuth2';
import { CreateCompatAndPersonal1795348003000 } from './1795348003000-CreateCompatAndPersonal';
import { CreateUpstreamRegistrationsAndPolicy1795348004000 } from './1795348004000-CreateUpstreamRegistrationsAndPolicy';
import { CreateClientAssertionJtis1795348005000 } from './1795348005000-CreateClientAssertionJtis';
import { AddDevicePolling1795348006000 } from './1795348006000-AddDevicePolling';

/** Every migration, in order. Append only: a landed migration is never edited. */
export const ALL_MIGRATIONS: Function[] = [
  CreateUsers1795348000000,
  CreateBrowserSessions1795348001000,
  CreateOAuth21795348002000,
  CreateCompatAndPersonal1795348003000,
  CreateUpstreamRegistrationsAndPolicy1795348004000,
  CreateClientAssertionJtis1795348005000,
  AddDevicePolling1795348006000,
];
