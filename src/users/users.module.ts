import { Global, Module } from '@nestjs/common';
import { PasswordsModule } from '../passwords/passwords.module';
import { AccountClosure } from './account-closure.service';
import { UserAccounts } from './user-accounts.service';
import { UserLocking } from './user-locking.service';

/**
 * Local accounts (`UserAccounts`), their locking and deactivation (`UserLocking`,
 * `AccountClosure`) and the password hasher, for every module. Needs the global config, core,
 * storage, homeserver and jobs modules.
 */
@Global()
@Module({
  imports: [PasswordsModule],
  providers: [UserAccounts, UserLocking, AccountClosure],
  exports: [UserAccounts, UserLocking, AccountClosure, PasswordsModule],
})
export class UsersModule {}
