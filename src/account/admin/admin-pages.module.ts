import { Module } from '@nestjs/common';
import { PolicyModule } from '../../policy';
import { SessionsModule } from '../../sessions';
import { AdminPagesFilter } from './admin-pages.filter';
import { AdminPagesGuard } from './admin-pages.guard';
import { AdminPolicyDataController } from './admin-policy-data.controller';
import { AdminPolicyData } from './admin-policy-data.service';
import { AdminRegistrationTokensController } from './admin-registration-tokens.controller';
import { AdminRegistrationTokens } from './admin-registration-tokens.service';
import { AdminUserActions } from './admin-user-actions.service';
import { AdminUserPage } from './admin-user-page.service';
import { AdminUserSearch } from './admin-user-search.service';
import { AdminUserSessions } from './admin-user-sessions.service';
import { AdminUsersController } from './admin-users.controller';

/**
 * The admin pages under `/account/admin` (resource `human`) for users with
 * `can_request_admin`: user search and management, registration tokens, dynamic policy data
 * (docs/admin-pages.md). They share the lower services with the admin API, never its surface.
 */
@Module({
  imports: [SessionsModule, PolicyModule],
  controllers: [AdminUsersController, AdminRegistrationTokensController, AdminPolicyDataController],
  providers: [
    AdminPagesGuard,
    AdminPagesFilter,
    AdminUserSearch,
    AdminUserPage,
    AdminUserSessions,
    AdminUserActions,
    AdminRegistrationTokens,
    AdminPolicyData,
  ],
})
export class AdminPagesModule {}
