import { Global, Module } from '@nestjs/common';
import { PasswordsModule } from '../passwords/passwords.module';
import { AccountClosure } from './account-closure.service';
import { PasswordReauthentication } from './password-reauthentication.service';
import { UserAccounts } from './user-accounts.service';
import { RegistrationTokens } from './registration-tokens.service';
import { UserAdministration } from './user-administration.service';
import { UserLocking } from './user-locking.service';

/**
 * Local accounts (`UserAccounts`), their locking and deactivation (`UserLocking`,
 * `AccountClosure`) and the password hasher, for every module. Needs the global config, core,
 * storage, homeserver and jobs modules.
 */
@Global()
@Module({
  imports: [PasswordsModule],
  providers: [
    UserAccounts,
    UserAdministration,
    UserLocking,
    AccountClosure,
    RegistrationTokens,
    PasswordReauthentication,
  ],
  exports: [
    UserAccounts,
    UserAdministration,
    UserLocking,
    AccountClosure,
    RegistrationTokens,
    PasswordReauthentication,
    PasswordsModule,
  ],
})
export class UsersModule {}
