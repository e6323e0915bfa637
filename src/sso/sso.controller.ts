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
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { AuthResponseDto } from '../auth/dto/user.dto.js';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import { Public } from '../auth/guards/public.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { FederatedRateLimited } from '../auth/throttling/rate-limited.decorator.js';
import {
  CreateIdentityProviderDto,
  IdentityProviderDto,
  IdentityProviderPageDto,
  SsoExchangeDto,
} from './identity-provider.dto.js';
import { SsoService } from './sso.service.js';

@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /**
   * Signs in with an ID token from the organisation's identity provider.
   *
   * @remarks
   * Public. The ID token must come from a registered provider, be used for the first time, carry
   * the nonce the client sent and a verified email of a domain the organisation has verified;
   * otherwise 401. The first sign-in makes the account (unless one exists) and the membership. The
   * session belongs to the organisation's SSO: ending the membership ends it. Platform admin
   * accounts cannot sign in this way (403). Rate-limited per identity (429 with Retry-After).
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

  /**
   * Registers an OpenID Connect provider for the organisation's SSO.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client; anyone else gets 404.
   * Each email domain must be one the organisation has verified (422 otherwise), and the issuer an
   * https URL. An issuer shared by several organisations (Entra multi-tenant, Google) is told apart
   * by `tenantClaim` and `tenantId`; a registration that would clash answers 409.
   */
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

  /**
   * The organisation's identity providers.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client; anyone else gets 404.
   * Oldest first, paged with `limit` and `cursor`.
   */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: CursorQueryDto,
  ): Promise<IdentityProviderPageDto> {
    return this.sso.list(user, orgId, query);
  }

  /**
   * Removes an identity provider.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client. Its people can no longer
   * sign in through it; sessions already open stay open.
   */
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
