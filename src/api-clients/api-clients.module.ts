import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import { ApiClientsService } from './api-clients.service.js';
import { ClientJwtStrategy } from './client-jwt.strategy.js';
import { OAuthTokenController } from './oauth-token.controller.js';
import { OrgApiClientsController } from './org-api-clients.controller.js';

/**
 * HR systems' API clients: the organisation's admin creates and revokes them, they exchange
 * their credentials for tokens (OAuth 2.0 client credentials), and `ClientJwtStrategy` checks
 * those tokens for the access guard, which names it 'client-jwt'.
 */
@Module({
  imports: [AuthModule, OrgsModule],
  controllers: [OAuthTokenController, OrgApiClientsController],
  providers: [ApiClientsRepository, ApiClientsService, ClientJwtStrategy],
})
export class ApiClientsModule {}
