import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookUrlPolicy } from './webhook-url-policy.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Organisations' webhooks: subscriptions, and the jobs that deliver events to them. */
@Module({
  imports: [OrgsModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookDeliveryService, WebhookUrlPolicy],
})
export class WebhooksModule {}
