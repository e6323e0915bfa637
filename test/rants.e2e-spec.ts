import { createHash } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { RedisClient } from '../src/jobs/redis-connection.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('anonymous rants', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let author: SignedIn;
  let reader: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const post = (who: SignedIn, content: string) =>
    inject({
      method: 'POST',
      url: '/v1/rants',
      headers: bearer(who.accessToken),
      payload: { content },
    });
  /** Every stored trace of anonymous posting, as text. */
  const storedTraces = async () =>
    JSON.stringify(
      await prisma.$queryRaw`SELECT (SELECT json_agg(r) FROM anonymous_rants r) AS rants, (SELECT json_agg(s) FROM rant_supports s) AS supports`,
    );

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    author = await register(t.app, 'author');
    reader = await register(t.app, 'reader');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores a post with nothing that leads to its author: ciphertext, a hashed token, minute time', async () => {
    const response = await post(author, 'My manager takes credit for everything and I am furious');
    expect(response.statusCode).toBe(201);
    const { id, deleteToken } = response.json();
    expect(deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await prisma.$queryRaw<
      Array<Record<string, unknown>>
    >`SELECT * FROM anonymous_rants WHERE id = ${id}::uuid`;
    expect(Object.keys(row).sort()).toEqual(
      [
        'anonymous_token',
        'content',
        'created_at',
        'encryption_key_id',
        'hidden_at',
        'id',
        'sentiment_score',
        'support_count',
      ].sort(),
    );
    expect(row.anonymous_token).toBe(createHash('sha256').update(deleteToken).digest('hex'));
    expect(String(row.content)).not.toMatch(/manager|furious/);
    const createdAt = row.created_at as Date;
    expect(createdAt.getUTCSeconds()).toBe(0);
    expect(createdAt.getUTCMilliseconds()).toBe(0);
    expect(row.sentiment_score as number).toBeLessThan(0);
    const traces = await storedTraces();
    expect(traces).not.toContain(author.user.id);
    expect(traces).not.toContain(author.email);
    // The posting counter in Redis is a daily keyed hash, not the person.
    const keys = await t.app.get(RedisClient).client!.keys(`${t.config.QUEUE_PREFIX}:rate:rants*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(author.user.id);
  });

  it('serves a feed newest first or most supported, decrypted', async () => {
    const calm = (await post(author, 'Quiet week, feeling okay')).json();
    const loud = (await post(author, 'Another pointless meeting')).json();
    await inject({
      method: 'POST',
      url: `/v1/rants/${calm.id}/support`,
      headers: bearer(reader.accessToken),
    });
    // Times are kept to the minute, so posts of one minute come in an order that says nothing.
    const newest = (
      await inject({
        method: 'GET',
        url: '/v1/rants?limit=50',
        headers: bearer(reader.accessToken),
      })
    ).json();
    const times = newest.items.map((item: { createdAt: string }) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(newest.items.map((item: { content: string }) => item.content)).toEqual(
      expect.arrayContaining(['Another pointless meeting', 'Quiet week, feeling okay']),
    );
    const supported = (
      await inject({
        method: 'GET',
        url: '/v1/rants?sort=supported&limit=1',
        headers: bearer(reader.accessToken),
      })
    ).json();
    expect(supported.items[0]).toMatchObject({ id: calm.id, supportCount: 1 });
    const next = (
      await inject({
        method: 'GET',
        url: `/v1/rants?sort=supported&limit=1&cursor=${supported.nextCursor}`,
        headers: bearer(reader.accessToken),
      })
    ).json();
    expect(next.items[0].id).not.toBe(calm.id);
    expect(loud.id).toBeDefined();
  });

  it('counts one support per person, atomically, without recording who', async () => {
    const { id } = (await post(author, 'Payroll got my hours wrong again')).json();
    const first = await inject({
      method: 'POST',
      url: `/v1/rants/${id}/support`,
      headers: bearer(reader.accessToken),
    });
    expect(first.json()).toEqual({ supportCount: 1, added: true });
    const again = await inject({
      method: 'POST',
      url: `/v1/rants/${id}/support`,
      headers: bearer(reader.accessToken),
    });
    expect(again.json()).toEqual({ supportCount: 1, added: false });
    const concurrent = await Promise.all(
      [author, reader, author].map((who) =>
        inject({
          method: 'POST',
          url: `/v1/rants/${id}/support`,
          headers: bearer(who.accessToken),
        }),
      ),
    );
    expect(concurrent.every((response) => response.statusCode === 200)).toBe(true);
    const row = await prisma.anonymousRant.findUniqueOrThrow({ where: { id } });
    expect(row.supportCount).toBe(2);
    expect(await prisma.rantSupport.count({ where: { rantId: id } })).toBe(2);
    const traces = await storedTraces();
    expect(traces).not.toContain(reader.user.id);
  });

  it('deletes only with the delete token', async () => {
    const { id, deleteToken } = (await post(author, 'Delete me later')).json();
    const wrong = await inject({
      method: 'DELETE',
      url: `/v1/rants/${id}`,
      headers: bearer(reader.accessToken),
      payload: { deleteToken: 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(404);
    const right = await inject({
      method: 'DELETE',
      url: `/v1/rants/${id}`,
      headers: bearer(reader.accessToken),
      payload: { deleteToken },
    });
    expect(right.statusCode).toBe(204);
    expect(await prisma.anonymousRant.findUnique({ where: { id } })).toBeNull();
  });

  it('answers crisis resources to an author whose words suggest crisis, storing nothing of it', async () => {
    const response = await post(reader, 'Honestly some days I want to die');
    expect(response.json().crisisResources.length).toBeGreaterThan(0);
    const plain = await post(reader, 'This deadline is killing me');
    expect(plain.json()).not.toHaveProperty('crisisResources');
  });

  it('limits posting per person per hour', async () => {
    const busy = await register(t.app, 'busy');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(busy, `post ${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await post(reader, 'someone else can still post')).statusCode).toBe(201);
  });
});
