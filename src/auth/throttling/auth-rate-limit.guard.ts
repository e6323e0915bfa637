import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import type { TrackedRequest } from './trackers.js';

/** Put on routes that try credentials or tokens; see AuthRateLimiter. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AuthRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limiter.consume(context.switchToHttp().getRequest<TrackedRequest>());
    return true;
  }
}

/** Put on federated sign-ins (SSO exchange, OAuth token); see AuthRateLimiter.consumeFederated. */
@Injectable()
export class FederatedRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: AuthRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limiter.consumeFederated(context.switchToHttp().getRequest<TrackedRequest>());
    return true;
  }
}
