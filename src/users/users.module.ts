import { Global, Module } from '@nestjs/common';
import { PasswordsModule } from '../passwords/passwords.module';
import { UserAccounts } from './user-accounts.service';

/**
 * Local accounts (`UserAccounts`) and the password hasher, for every module. Needs the global
 * config, core and storage modules.
 */
@Global()
@Module({
  imports: [PasswordsModule],
  providers: [UserAccounts],
  exports: [UserAccounts, PasswordsModule],
})
export class UsersModule {}
