import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { ClientScope } from '../roles.js';

export const CLIENT_SCOPES_KEY = 'mindfulme:client-scopes';

/**
 * The route also serves HR systems' API clients holding one of `scopes` (besides the people its
 * other rules allow). Documented as the OAuth2 client-credentials scheme, one security
 * requirement per scope: OpenAPI reads the scopes of one requirement as all needed, and any one
 * of these is enough.
 */
export const AllowClients = (...scopes: ClientScope[]) =>
  applyDecorators(
    SetMetadata(CLIENT_SCOPES_KEY, scopes),
    ...scopes.map((scope) => ApiSecurity('hr-client-credentials', [scope])),
    ApiExtension('x-client-scopes', scopes),
  );
