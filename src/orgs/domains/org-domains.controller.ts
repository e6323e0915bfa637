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
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/guards/current-user.decorator.js';
import type { Principal } from '../../auth/roles.js';
import { CursorQueryDto } from '../../common/pagination/page.dto.js';
import {
  ClaimDomainDto,
  DOMAIN_PATH_PARAMETER,
  OrgDomainDto,
  OrgDomainPageDto,
} from './dto/org-domain.dto.js';
import { OrgDomainsService } from './org-domains.service.js';

/**
 * An organisation's email domains, for its admin and platform admins. A domain is verified by
 * publishing the TXT record the claim answers; only verified domains let the organisation's
 * SSO, SCIM and roster sync make or claim accounts.
 */
@ApiTags('orgs')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/domains')
export class OrgDomainsController {
  constructor(private readonly domains: OrgDomainsService) {}

  /**
   * Claims an email domain and answers the TXT record to publish.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client; anyone else gets 404.
   * Publish the record in the domain's DNS, then call verify; claiming again answers the same
   * record.
   */
  @Post()
  claim(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: ClaimDomainDto,
  ): Promise<OrgDomainDto> {
    return this.domains.claim(principal, orgId, body.domain);
  }

  /**
   * The organisation's domains, pending and verified.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client; anyone else gets 404.
   * Each with the TXT record that verifies it; newest claim first, paged with `limit` and `cursor`.
   */
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: CursorQueryDto,
  ): Promise<OrgDomainPageDto> {
    return this.domains.list(principal, orgId, query);
  }

  /**
   * Looks the TXT record up in DNS now and marks the domain verified when it is there.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client. A domain already
   * verified answers as it is. 422 while the record cannot be found (DNS changes can take a while),
   * 409 when another organisation has verified the domain, 503 when DNS does not answer.
   */
  @Post(':domain/verify')
  @ApiParam(DOMAIN_PATH_PARAMETER)
  @HttpCode(HttpStatus.OK)
  @ApiUnprocessableEntityResponse({ description: 'The TXT record is not published (yet).' })
  @ApiConflictResponse({ description: 'Another organisation has verified this domain.' })
  verify(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('domain') domain: string,
  ): Promise<OrgDomainDto> {
    return this.domains.verify(principal, orgId, domain);
  }

  /**
   * Drops the organisation's claim on a domain.
   *
   * @remarks
   * For the organisation's admin and platform admins, never an API client; by a platform admin,
   * this revokes the organisation's verification. From then on its SSO, SCIM and roster sync reach
   * no one of that domain; current members stay members.
   */
  @Delete(':domain')
  @ApiParam(DOMAIN_PATH_PARAMETER)
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('domain') domain: string,
  ): Promise<void> {
    return this.domains.remove(principal, orgId, domain);
  }
}
