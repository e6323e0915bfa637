import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookUrlPolicy } from './webhook-url-policy.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';
import { WEBHOOK_JOBS } from './webhooks.jobs.js';

/** Organisations' webhooks: subscriptions, and the jobs that deliver events to them. */
@Module({
  imports: [OrgsModule, JobsModule.forFeature(WEBHOOK_JOBS)],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookDeliveryService, WebhookUrlPolicy],
})
export class WebhooksModule {}
