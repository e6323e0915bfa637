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
import { AdminUsersController } from './admin-users.controller.js';
import { AdminUsersService } from './admin-users.service.js';
import { AuthController } from './auth.controller.js';
import { AUTH_JOBS, PURGE_EXPIRED_SESSIONS } from './auth.jobs.js';
import { ApiClientsRepository } from './clients/api-clients.repository.js';
import { ApiClientsService } from './clients/api-clients.service.js';
import { OAuthTokenController } from './clients/oauth-token.controller.js';
import { OrgApiClientsController } from './clients/org-api-clients.controller.js';
import { ClientJwtStrategy } from './guards/client-jwt.strategy.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { MoodModule } from '../mood/mood.module.js';
import { JournalsModule } from '../journals/journals.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { OidcVerifier } from './sso/oidc-verifier.js';
import { OrgIdentityProvidersController, SsoController } from './sso/sso.controller.js';
import { SsoRepository } from './sso/sso.repository.js';
import { SsoService } from './sso/sso.service.js';
import { AuthService } from './auth.service.js';
import { AccessGuard } from './guards/access.guard.js';
import { JwtStrategy } from './guards/jwt.strategy.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { PersonalDataService } from './personal-data.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { AuthRateLimitGuard, FederatedRateLimitGuard } from './throttling/auth-rate-limit.guard.js';
import { ApiRateLimiter } from './throttling/api-rate-limiter.js';
import { AuthRateLimiter } from './throttling/auth-rate-limiter.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [
    OrgsModule,
    MoodModule,
    JournalsModule,
    TherapistsModule,
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
  controllers: [
    AuthController,
    MeController,
    AdminUsersController,
    OAuthTokenController,
    OrgApiClientsController,
    SsoController,
    OrgIdentityProvidersController,
  ],
  providers: [
    JwtStrategy,
    ClientJwtStrategy,
    ApiClientsRepository,
    ApiClientsService,
    OidcVerifier,
    SsoService,
    SsoRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
    UsersRepository,
    SessionsRepository,
    SessionsService,
    AuthService,
    MeService,
    PersonalDataService,
    AdminUsersService,
    AuthRateLimiter,
    ApiRateLimiter,
    AuthRateLimitGuard,
    FederatedRateLimitGuard,
  ],
  exports: [AccessTokenKeyModule],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly sessions: SessionsService,
    private readonly sso: SsoRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(PURGE_EXPIRED_SESSIONS, async () => {
      await this.sessions.purgeExpired();
      await this.sso.purgeUsedTokens();
    });
  }
}
