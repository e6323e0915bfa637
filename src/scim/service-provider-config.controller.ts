import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { scimContent } from './scim-openapi.js';
import { Public } from '../auth/guards/public.decorator.js';
import { ScimErrorFilter } from './scim-error.filter.js';
import {
  SCIM_BASE_PATH,
  SCIM_CONTENT_TYPE,
  SCIM_MAX_RESULTS,
  SCIM_SERVICE_PROVIDER_CONFIG,
} from './scim-schemas.js';

/** What this SCIM service supports (RFC 7643 §5); the same for everyone, so public. */
export const SERVICE_PROVIDER_CONFIG = {
  schemas: [SCIM_SERVICE_PROVIDER_CONFIG],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description:
        'An HR client’s client-credentials token (POST /v1/oauth/token) with scope employees:write.',
      primary: true,
    },
  ],
  meta: {
    resourceType: 'ServiceProviderConfig',
    location: `${SCIM_BASE_PATH}/ServiceProviderConfig`,
  },
};

@ApiTags('SCIM', 'HR integration')
@ApiProduces(SCIM_CONTENT_TYPE)
@UseFilters(ScimErrorFilter)
@Controller({ path: 'scim/v2/ServiceProviderConfig' })
export class ServiceProviderConfigController {
  /**
   * What this SCIM service supports.
   *
   * @remarks
   * Public, and the same for everyone (RFC 7643 section 5): PATCH and filtering are supported, with
   * at most 200 results a page; bulk, sorting, ETags and password changes are not. Every other SCIM
   * route takes an HR client's bearer token.
   */
  @Get()
  @Public()
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: 'The service provider configuration.',
    ...scimContent('ScimServiceProviderConfig'),
  })
  get(): typeof SERVICE_PROVIDER_CONFIG {
    return SERVICE_PROVIDER_CONFIG;
  }
}
