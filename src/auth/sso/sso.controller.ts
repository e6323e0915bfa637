import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthResponseDto } from '../dto/user.dto.js';
import { CurrentUser } from '../guards/current-user.decorator.js';
import { Public } from '../guards/public.decorator.js';
import type { AuthenticatedUser } from '../roles.js';
import { FederatedRateLimited } from '../throttling/rate-limited.decorator.js';
import {
  CreateIdentityProviderDto,
  IdentityProviderDto,
  SsoExchangeDto,
} from './identity-provider.dto.js';
import { SsoService } from './sso.service.js';

@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /**
   * Exchanges an ID token from an organisation's OpenID provider for this service's tokens,
   * making the account and membership on first sign-in.
   */
  @Post('exchange')
  @Public()
  @HttpCode(HttpStatus.OK)
  @FederatedRateLimited()
  @ApiUnauthorizedResponse({
    description:
      'Unknown issuer or tenant, an email domain the organisation has not verified, a missing or wrong nonce, a token used before, or an invalid token.',
  })
  @ApiForbiddenResponse({ description: 'The email is a platform admin account.' })
  exchange(@Body() body: SsoExchangeDto): Promise<AuthResponseDto> {
    return this.sso.exchange(body);
  }
}

/** An organisation's identity providers, managed by its admin (others get 404). */
@ApiTags('orgs')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/identity-providers')
export class OrgIdentityProvidersController {
  constructor(private readonly sso: SsoService) {}

  @Post()
  @ApiConflictResponse({ description: 'The issuer (and tenant) is already registered.' })
  @ApiUnprocessableEntityResponse({
    description:
      'The issuer cannot be discovered, or a domain is not verified by the organisation.',
  })
  register(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    return this.sso.register(user, orgId, body);
  }

  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<IdentityProviderDto[]> {
    return this.sso.list(user, orgId);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.sso.remove(user, orgId, id);
  }
}
