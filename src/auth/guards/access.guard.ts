import {
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { ClientScope, Principal, Role } from '../roles.js';
import { CLIENT_SCOPES_KEY } from './client-scopes.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ROLES } from './roles.decorator.js';
import { ApiRateLimiter } from '../throttling/api-rate-limiter.js';
import { OWN_RATE_LIMIT } from '../throttling/rate-limited.decorator.js';
import { announceLimits } from '../../common/rate-limit/rate-limiter.js';

/**
 * The global guard. Every route needs a valid bearer token unless marked @Public():
 * - a person's access token, and one of the @Roles(...) when the route names roles;
 * - or an API client's token, only on routes marked @AllowClients(...) and with one of those
 *   scopes. Which organisation a client may touch is checked by the route's service.
 * It also counts each request against the API-wide limit (ApiRateLimiter): per person or client
 * once the token is verified, per address for public routes and failed tokens.
 */
@Injectable()
export class AccessGuard extends AuthGuard(['jwt', 'client-jwt']) {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: ApiRateLimiter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<{ user: Principal; ip?: string }>();
    const reply = http.getResponse<FastifyReply>();
    // Sign-in routes count by limits of their own (AuthRateLimiter) and say so in their headers.
    const counted = !this.reflector.getAllAndOverride<boolean>(OWN_RATE_LIMIT, targets);
    const byAddress = async () => {
      if (counted) announceLimits(reply, [await this.limiter.consumeForAddress(request.ip)]);
    };
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      await byAddress();
      return true;
    }
    try {
      await super.canActivate(context);
    } catch (error) {
      // A failed token is counted by address: guessing cannot go faster than the limit.
      if (error instanceof UnauthorizedException) await byAddress();
      throw error;
    }
    const principal = request.user;
    if (counted) announceLimits(reply, [await this.limiter.consumeFor(principal)]);
    if (principal.kind === 'client') {
      const scopes =
        this.reflector.getAllAndOverride<ClientScope[]>(CLIENT_SCOPES_KEY, targets) ?? [];
      if (!scopes.some((scope) => principal.scopes.includes(scope))) {
        throw new ForbiddenException('This API client lacks the scope this route needs.');
      }
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.includes(principal.role)) {
      throw new ForbiddenException('Your role does not allow this.');
    }
    return true;
  }

  /**
   * No principal: 401 with the RFC 6750 challenge, naming `invalid_token` when a token was
   * presented (expired, revoked, its session ended, or not ours).
   */
  override handleRequest<T>(error: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    // Anything but "no valid token" (the database unreachable during the session check, which
    // the problem filter answers 503) keeps its own meaning.
    if (error && !(error instanceof HttpException && error.getStatus() === 401)) throw error;
    if (user && !error) return user;
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    const presented = typeof headers.authorization === 'string';
    throw new UnauthorizedException({
      message: presented
        ? 'The access token is not valid: expired, revoked, or not issued by this service.'
        : 'An access token is required (Authorization: Bearer <token>).',
      headers: {
        'WWW-Authenticate': presented
          ? 'Bearer realm="mindfulme", error="invalid_token", error_description="The access token is not valid"'
          : 'Bearer realm="mindfulme"',
      },
    });
  }
}
