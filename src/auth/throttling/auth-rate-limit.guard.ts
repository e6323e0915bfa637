import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { rateLimitHeaders } from '../../common/rate-limit/rate-limiter.js';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import type { TrackedRequest } from './trackers.js';

/** Put on routes that try credentials or tokens; see AuthRateLimiter. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AuthRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const states = await this.limiter.consume(http.getRequest<TrackedRequest>());
    setHeaders(http.getResponse<FastifyReply>(), rateLimitHeaders(states));
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
    setHeaders(http.getResponse<FastifyReply>(), rateLimitHeaders(states));
    return true;
  }
}

function setHeaders(reply: FastifyReply, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
}
