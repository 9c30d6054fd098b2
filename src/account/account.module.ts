import { Module } from '@nestjs/common';
import { AccountErrorFilter } from './account-error.filter';
import { AccountMetadataContributor } from './account-metadata.contributor';
import { AccountPageController } from './account-page.controller';
import { AccountPageService } from './account-page.service';

/**
 * The account management surface (resource `human`): for now only `/account`, the page that
 * discovery advertises as `account_management_uri` (MSC4191).
 */
@Module({
  controllers: [AccountPageController],
  providers: [AccountPageService, AccountMetadataContributor, AccountErrorFilter],
})
export class AccountModule {}
