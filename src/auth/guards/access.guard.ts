import { type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthenticatedUser, Role } from '../roles.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ROLES } from './roles.decorator.js';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a
 * route marked @Roles(...) also needs one of those roles.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (!roles?.length) return true;
    const { user } = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>();
    if (!roles.includes(user.role)) throw new ForbiddenException('Your role does not allow this.');
    return true;
  }
}
