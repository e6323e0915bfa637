import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { WEBHOOK_SECRET } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { AppConfig } from '../config/app-config.js';
import { JobRegistry } from '../jobs/job-registry.js';
import { JobRunner } from '../jobs/job-runner.js';
import {
  type DispatchPayload,
  deliveryIdFor,
  dispatchedEvent,
  webhookPayload,
} from './webhook-events.js';
import { MAX_ERROR_LENGTH, sendWebhook } from './webhook-sender.js';
import { standardWebhookHeaders, webhookSignature } from './webhook-signature.js';
import { WebhookUrlPolicy } from './webhook-url-policy.js';
import { OutboundHttp } from '../common/outbound/outbound-http.js';
import { WebhooksRepository } from './webhooks.repository.js';
import {
  DELIVER_WEBHOOK,
  DELIVERY_ATTEMPTS,
  DISPATCH_WEBHOOKS,
  PURGE_WEBHOOK_DELIVERIES,
} from './webhooks.jobs.js';

const DELIVERY_TIMEOUT_MS = 5_000;
const KEEP_DELIVERIES_DAYS = 30;
const USER_AGENT = 'MindfulMe-Webhooks/1';

/** Pending deliveries handed to the queue again per read at start. */
const REQUEUE_PAGE = 500;

/**
 * Sends organisations' events to their webhooks (the jobs are described in webhooks.jobs.ts):
 * a dispatch makes the deliveries of one event, a delivery POSTs the signed payload.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookDeliveryService');

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly encrypted: SealedColumns,
    private readonly urls: WebhookUrlPolicy,
    private readonly registry: JobRegistry,
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
    private readonly outbound: OutboundHttp,
  ) {}

  onModuleInit(): void {
    this.registry.handle(DISPATCH_WEBHOOKS, (payload) => this.dispatch(payload));
    this.registry.handle(DELIVER_WEBHOOK, ({ deliveryId }) => this.deliver(deliveryId), {
      // A receiver that is down for a deploy gets minutes to come back, not seconds.
      backoffMs: this.config.WEBHOOK_RETRY_BASE_MS,
    });
    this.registry.handle(PURGE_WEBHOOK_DELIVERIES, () =>
      this.webhooks.purgeDeliveriesOlderThan(KEEP_DELIVERIES_DAYS),
    );
  }

  /**
   * At start, every delivery still pending is handed to the queue again: a process that stopped
   * (or a Redis that restarted) between attempts would otherwise leave it undelivered for good.
   * Deliveries are keyed by id, so one already queued is not queued twice, and the attempts
   * recorded on the row still end it after the last one.
   */
  onApplicationBootstrap(): void {
    this.requeuePending().catch((error: unknown) =>
      this.logger.error({ err: error }, 'Could not requeue pending webhook deliveries'),
    );
  }

  async requeuePending(): Promise<number> {
    let after: { createdAt: Date; id: string } | null = null;
    let queued = 0;
    for (;;) {
      const page = await this.webhooks.pendingDeliveryIds(after, REQUEUE_PAGE);
      for (const { id } of page) await this.runner.enqueue(DELIVER_WEBHOOK, { deliveryId: id });
      queued += page.length;
      if (page.length < REQUEUE_PAGE) return queued;
      after = page[page.length - 1];
    }
  }

  /**
   * Safe to run again for the same event: delivery ids derive from the event and the
   * subscription, so rows already made are kept and their deliver jobs find them settled.
   */
  async dispatch(payload: DispatchPayload): Promise<void> {
    const event = dispatchedEvent(payload, new Date());
    const listeners = await this.webhooks.listenersOf(event.orgId, event.event);
    const deliveries = listeners.map((subscriptionId) => {
      const id = deliveryIdFor(event.occurrence, subscriptionId);
      return { id, subscriptionId, event: event.event, payload: webhookPayload(id, event) };
    });
    await this.webhooks.createDeliveries(deliveries);
    for (const delivery of deliveries) {
      await this.runner.enqueue(DELIVER_WEBHOOK, { deliveryId: delivery.id });
    }
  }

  /** One attempt. Throws when it failed, so the job is retried with back-off. */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.webhooks.pendingDelivery(deliveryId);
    // Delivered, failed for good, or its subscription deleted: nothing to send.
    if (!delivery) return;
    const { subscription } = delivery;
    const secret = this.encrypted.open(
      WEBHOOK_SECRET,
      { id: subscription.id },
      { keyId: subscription.encryptionKeyId, ciphertext: subscription.secret },
    );
    const body = JSON.stringify(delivery.payload);
    const now = Math.floor(Date.now() / 1000);
    const refusal = await this.urls.refusal(subscription.url);
    const outcome = refusal
      ? { delivered: false as const, error: refusal }
      : await sendWebhook(
          this.outbound.fetch,
          subscription.url,
          body,
          {
            'content-type': 'application/json',
            'user-agent': USER_AGENT,
            ...standardWebhookHeaders(secret, delivery.id, body, now),
            'x-mindfulme-event': delivery.event,
            'x-mindfulme-delivery': delivery.id,
            'x-mindfulme-signature': webhookSignature(secret, body, now),
          },
          DELIVERY_TIMEOUT_MS,
        );
    if (outcome.delivered) {
      await this.webhooks.markDelivered(delivery.id);
      return;
    }
    const error = outcome.error.slice(0, MAX_ERROR_LENGTH);
    const attempts = await this.webhooks.recordFailure(delivery.id, error, DELIVERY_ATTEMPTS);
    throw new Error(
      `Webhook delivery ${delivery.id} failed (attempt ${attempts} of ${DELIVERY_ATTEMPTS}): ${error}`,
    );
  }
}
