import { Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { OidcVerifier } from './oidc-verifier.js';
import { OrgIdentityProvidersController, SsoController } from './sso.controller.js';
import { PURGE_USED_ID_TOKENS, SSO_JOBS } from './sso.jobs.js';
import { SsoRepository } from './sso.repository.js';
import { SsoService } from './sso.service.js';

/** Sign-in through an organisation's OpenID Connect provider, and the providers it trusts. */
@Module({
  imports: [AuthModule, OrgsModule, JobsModule.forFeature(SSO_JOBS)],
  controllers: [SsoController, OrgIdentityProvidersController],
  providers: [OidcVerifier, SsoService, SsoRepository],
})
export class SsoModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly providers: SsoRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(PURGE_USED_ID_TOKENS, async () => {
      await this.providers.purgeUsedTokens();
    });
  }
}
