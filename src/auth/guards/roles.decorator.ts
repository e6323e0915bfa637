import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import type { Role } from '../roles.js';

export const REQUIRED_ROLES = 'mindfulme:roles';

/**
 * Only callers with one of `roles` pass; the OpenAPI document marks the route with
 * `x-required-roles` so client generators and readers see it.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiExtension('x-required-roles', roles),
    ApiForbiddenResponse({ description: `Requires the role ${roles.join(' or ')}.` }),
  );
