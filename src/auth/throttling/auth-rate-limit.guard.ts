import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { announceLimits } from '../../common/rate-limit/rate-limiter.js';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import type { TrackedRequest } from './trackers.js';

/** Put on routes that try credentials or tokens; see AuthRateLimiter. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AuthRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const states = await this.limiter.consume(http.getRequest<TrackedRequest>());
    announceLimits(http.getResponse<FastifyReply>(), states);
    return true;
  }
}

/** Put on federated sign-ins (SSO exchange, OAuth token); see AuthRateLimiter.consumeFederated. */
@Injectable()
export class FederatedRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AuthRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const states = await this.limiter.consumeFederated(http.getRequest<TrackedRequest>());
    announceLimits(http.getResponse<FastifyReply>(), states);
    return true;
  }
}
