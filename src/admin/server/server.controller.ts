import { Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminController } from '../common/admin-route';
import { ERROR_RESPONSE } from '../common/api-docs';
import { ServerInfoService, SITE_CONFIG_SCHEMA, VERSION_SCHEMA } from './server-info.service';

/** MAS admin/v1/version.rs and site_config.rs. */
@AdminController('')
@ApiTags('server')
@ApiBearerAuth('token')
export class ServerController {
  constructor(private readonly info: ServerInfoService) {}

  @Get('version')
  @ApiOperation({ operationId: 'version', summary: 'Get the version currently running' })
  @ApiResponse({ status: 200, schema: VERSION_SCHEMA })
  @ApiResponse({ status: 401, schema: ERROR_RESPONSE })
  version() {
    return this.info.version();
  }

  @Get('site-config')
  @ApiOperation({
    operationId: 'siteConfig',
    summary: 'Get informations about the configuration of this MAS instance',
  })
  @ApiResponse({ status: 200, schema: SITE_CONFIG_SCHEMA })
  @ApiResponse({ status: 401, schema: ERROR_RESPONSE })
  siteConfig() {
    return this.info.siteConfig();
  }
}
