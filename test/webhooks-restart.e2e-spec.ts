import { randomUUID } from 'node:crypto';
import { WEBHOOK_SECRET } from '../src/common/crypto/encrypted-columns.js';
import { SealedColumns } from '../src/common/crypto/sealed-columns.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { waitFor } from './support/wait-for.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

/**
 * No data is lost when a process restarts: a delivery still pending when the process stopped
 * (its job lived in the process's memory, without Redis) is sent by the next process.
 */
describe('webhook deliveries across a restart', () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const apps: TestApp[] = [];
  const start = async () => {
    const app = await startTestApp({ env: { REDIS_URL: '' }, database });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    for (const app of apps) await app.app.close().catch(() => undefined);
    await database?.drop();
    await receiver?.close();
  });

  it('sends after a restart what was pending when the process stopped', async () => {
    const first = await start();
    const prisma = first.app.get(PrismaService);
    const org = await prisma.organization.create({ data: { name: 'Acme' } });
    const subscriptionId = randomUUID();
    const secret = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
    const sealed = first.app
      .get(SealedColumns)
      .seal(WEBHOOK_SECRET, { id: subscriptionId }, secret);
    await prisma.webhookSubscription.create({
      data: {
        id: subscriptionId,
        orgId: org.id,
        url: receiver.url,
        events: ['survey.closed'],
        secret: sealed.ciphertext,
        encryptionKeyId: sealed.keyId,
      },
    });
    // Written, and its job queued in memory, when the process stopped.
    const deliveryId = randomUUID();
    await prisma.webhookDelivery.create({
      data: {
        id: deliveryId,
        subscriptionId,
        event: 'survey.closed',
        payload: { id: deliveryId, event: 'survey.closed', orgId: org.id, data: {} },
      },
    });
    await first.app.close();
    expect(receiver.received).toEqual([]);

    const second = await start();
    await waitFor('the delivery after the restart', () => receiver.received.length > 0);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers['webhook-id']).toBe(deliveryId);
    const row = await second.app
      .get(PrismaService)
      .webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row.status).toBe('delivered');
  });
});
