import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { ClientScope } from '../roles.js';

export const CLIENT_SCOPES_KEY = 'mindfulme:client-scopes';

/**
 * The route also serves HR systems' API clients holding one of `scopes` (besides the people its
 * other rules allow). Documented as the OAuth2 client-credentials scheme with those scopes.
 */
export const AllowClients = (...scopes: ClientScope[]) =>
  applyDecorators(
    SetMetadata(CLIENT_SCOPES_KEY, scopes),
    ApiSecurity('hr-client-credentials', scopes),
    ApiExtension('x-client-scopes', scopes),
  );
