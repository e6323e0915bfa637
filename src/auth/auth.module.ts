import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { JobsModule } from '../jobs/jobs.module.js';
import {
  AccessTokenKey,
  AccessTokenKeyModule,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from './access-token-key.js';
import { AccessTokens } from './access-tokens.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AdminUsersService } from './admin-users.service.js';
import { AuthController } from './auth.controller.js';
import { AUTH_JOBS, PURGE_EXPIRED_SESSIONS } from './auth.jobs.js';
import { AuthService } from './auth.service.js';
import { AccessGuard } from './guards/access.guard.js';
import { JwtStrategy } from './guards/jwt.strategy.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { AuthRateLimitGuard, FederatedRateLimitGuard } from './throttling/auth-rate-limit.guard.js';
import { ApiRateLimiter } from './throttling/api-rate-limiter.js';
import { AuthRateLimiter } from './throttling/auth-rate-limiter.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    AccessTokenKeyModule,
    PassportModule,
    JobsModule.forFeature(AUTH_JOBS),
    JwtModule.registerAsync({
      imports: [AccessTokenKeyModule],
      inject: [AccessTokenKey, AppConfig],
      useFactory: (key: AccessTokenKey, config: AppConfig) => ({
        secret: key.key,
        signOptions: {
          algorithm: TOKEN_ALGORITHM,
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
        },
        verifyOptions: {
          algorithms: [TOKEN_ALGORITHM],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
        },
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    AccessTokens,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
    UsersRepository,
    UsersService,
    SessionsRepository,
    SessionsService,
    AuthService,
    AdminUsersService,
    AuthRateLimiter,
    ApiRateLimiter,
    AuthRateLimitGuard,
    FederatedRateLimitGuard,
  ],
  exports: [
    AccessTokens,
    AccessTokenKeyModule,
    JwtModule,
    AuthService,
    UsersService,
    SessionsService,
    AuthRateLimiter,
    AuthRateLimitGuard,
    FederatedRateLimitGuard,
  ],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly sessions: SessionsService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(PURGE_EXPIRED_SESSIONS, async () => {
      await this.sessions.purgeExpired();
    });
  }
}
