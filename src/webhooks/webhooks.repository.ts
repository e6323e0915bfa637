import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { WebhookPayload } from './webhook-events.js';

/** The columns a subscription is answered with: never its secret. */
const SUBSCRIPTION_COLUMNS = {
  id: true,
  url: true,
  events: true,
  createdAt: true,
} satisfies Prisma.WebhookSubscriptionSelect;

export type StoredSubscription = Prisma.WebhookSubscriptionGetPayload<{
  select: typeof SUBSCRIPTION_COLUMNS;
}>;

const DELIVERY_COLUMNS = {
  id: true,
  event: true,
  status: true,
  attempts: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
} satisfies Prisma.WebhookDeliverySelect;

export type StoredDelivery = Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_COLUMNS }>;

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  event: string;
  payload: WebhookPayload;
}

@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Held until the transaction ends: one change to the organisation's webhooks at a time. */
  async lockSubscriptionsOf(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${orgId}`}))`;
  }

  createSubscription(
    tx: Prisma.TransactionClient,
    data: {
      id: string;
      orgId: string;
      url: string;
      events: string[];
      secret: string;
      encryptionKeyId: string;
    },
  ): Promise<StoredSubscription> {
    return tx.webhookSubscription.create({ data, select: SUBSCRIPTION_COLUMNS });
  }

  countSubscriptions(tx: Prisma.TransactionClient, orgId: string): Promise<number> {
    return tx.webhookSubscription.count({ where: { orgId } });
  }

  subscriptionsOf(orgId: string): Promise<StoredSubscription[]> {
    return this.prisma.webhookSubscription.findMany({
      where: { orgId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: SUBSCRIPTION_COLUMNS,
    });
  }

  async subscriptionExists(orgId: string, id: string): Promise<boolean> {
    return (await this.prisma.webhookSubscription.count({ where: { id, orgId } })) === 1;
  }

  /** Deletes the subscription with its deliveries (cascade); false when the org has no such. */
  async deleteSubscription(orgId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookSubscription.deleteMany({ where: { id, orgId } });
    return count === 1;
  }

  /** A subscription's deliveries, newest first, `limit + 1` rows. */
  deliveriesOf(subscriptionId: string, limit: number, cursor?: Cursor): Promise<StoredDelivery[]> {
    return this.prisma.webhookDelivery.findMany({
      where: { subscriptionId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: DELIVERY_COLUMNS,
    });
  }

  /** The organisation's active subscriptions that listen to `event`. */
  async listenersOf(orgId: string, event: string): Promise<string[]> {
    const rows = await this.prisma.webhookSubscription.findMany({
      where: { orgId, disabledAt: null, events: { has: event } },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Inserts the deliveries; ones that already exist (a repeated dispatch) are left as they are. */
  async createDeliveries(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.prisma.webhookDelivery.createMany({
      data: deliveries.map((delivery) => ({
        ...delivery,
        payload: delivery.payload as unknown as Prisma.InputJsonObject,
      })),
      skipDuplicates: true,
    });
  }

  /** A delivery still to be sent, with where and how to sign it; null once it is settled. */
  pendingDelivery(id: string) {
    return this.prisma.webhookDelivery.findFirst({
      where: { id, status: 'pending', subscription: { disabledAt: null } },
      select: {
        id: true,
        event: true,
        payload: true,
        subscription: {
          select: { id: true, url: true, secret: true, encryptionKeyId: true },
        },
      },
    });
  }

  async markDelivered(id: string): Promise<void> {
    await this.prisma.webhookDelivery.updateMany({
      where: { id, status: 'pending' },
      data: { status: 'delivered', deliveredAt: new Date(), attempts: { increment: 1 } },
    });
  }

  /**
   * Counts a failed attempt and keeps its error in one statement; the attempt that reaches
   * `maxAttempts` leaves the delivery failed. Answers the attempts made so far.
   */
  async recordFailure(id: string, error: string, maxAttempts: number): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ attempts: number }>>`
      UPDATE webhook_deliveries
         SET attempts = attempts + 1,
             last_error = ${error},
             status = CASE WHEN attempts + 1 >= ${maxAttempts}::int THEN 'failed' ELSE status END
       WHERE id = ${id}::uuid AND status = 'pending'
      RETURNING attempts`;
    return row?.attempts ?? maxAttempts;
  }

  /** Ids of deliveries still to be sent to live subscriptions, oldest first, after `afterId`. */
  async pendingDeliveryIds(after: { createdAt: Date; id: string } | null, take: number) {
    return this.prisma.webhookDelivery.findMany({
      where: {
        status: 'pending',
        subscription: { disabledAt: null },
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
      select: { id: true, createdAt: true },
    });
  }

  async purgeDeliveriesOlderThan(days: number): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM webhook_deliveries
       WHERE created_at < now() - make_interval(days => ${days}::int)`;
  }
}
