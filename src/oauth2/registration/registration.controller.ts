import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  UseFilters,
} from '@nestjs/common';
import { OAuthErrorFilter } from '../../http/errors/oauth-error.filter';
import { ServedBy } from '../../http/resource';
import { ClientManagementService } from './client-management.service';
import { ClientRegistrationService } from './client-registration.service';
import { BearerToken, JsonBody } from './registration-request.decorators';
import type { ClientInformationResponse } from './registration-response.dto';

/** RFC 7591 registration endpoint and RFC 7592 client configuration endpoint. */
@Controller('oauth2/registration')
@ServedBy('oauth')
@UseFilters(OAuthErrorFilter)
export class RegistrationController {
  constructor(
    private readonly registration: ClientRegistrationService,
    private readonly management: ClientManagementService,
  ) {}

  /** RFC 7591 §3.1. */
  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  register(@JsonBody() body: unknown): Promise<ClientInformationResponse> {
    return this.registration.register(body);
  }

  /** Only POST is defined on the registration endpoint (RFC 7591 §3). */
  @Get()
  @HttpCode(405)
  @Header('Allow', 'POST')
  methodNotAllowed(): { error: string; error_description: string } {
    return { error: 'invalid_request', error_description: 'use POST to register a client' };
  }

  /** RFC 7592 §2.1. */
  @Get(':clientId')
  @Header('Cache-Control', 'no-store')
  read(
    @Param('clientId') clientId: string,
    @BearerToken() token: string | undefined,
  ): Promise<ClientInformationResponse> {
    return this.management.read(clientId, token);
  }

  /** RFC 7592 §2.2. */
  @Put(':clientId')
  @Header('Cache-Control', 'no-store')
  update(
    @Param('clientId') clientId: string,
    @BearerToken() token: string | undefined,
    @JsonBody() body: unknown,
  ): Promise<ClientInformationResponse> {
    return this.management.update(clientId, token, body);
  }

  /** RFC 7592 §2.3. */
  @Delete(':clientId')
  @HttpCode(204)
  delete(
    @Param('clientId') clientId: string,
    @BearerToken() token: string | undefined,
  ): Promise<void> {
    return this.management.delete(clientId, token);
  }
}
