import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser, Principal } from '../roles.js';

/** The verified person calling a route (the access guard keeps API clients off such routes). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

/** The verified caller, person or API client, of a route marked @AllowClients(). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
