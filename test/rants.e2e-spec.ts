import { createHash } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { RedisClient } from '../src/jobs/redis-connection.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

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
      await prisma.$queryRaw`SELECT (SELECT json_agg(r) FROM anonymous_rants r) AS rants, (SELECT json_agg(s) FROM rant_supports s) AS supports, (SELECT json_agg(p) FROM rant_reports p) AS reports`,
    );

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
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
        'report_count',
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
    // For the author's country when they have set one.
    await prisma.user.update({
      where: { id: reader.user.id },
      data: { preferences: { country: 'BR' } },
    });
    const inBrazil = await post(reader, 'I want to die, I cannot go on');
    expect(JSON.stringify(inBrazil.json().crisisResources)).toMatch(/CVV/);
  });

  it('limits posting per person per hour', async () => {
    const busy = await register(t.app, 'busy');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(busy, `post ${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await post(reader, 'someone else can still post')).statusCode).toBe(201);
  });

  it('lets people report a post once each and admins hide and restore it, never naming anyone', async () => {
    const { id } = (
      await post(author, 'Name and shame: my colleague in accounts is useless')
    ).json();
    const report = (who: SignedIn, reason: string) =>
      inject({
        method: 'POST',
        url: `/v1/rants/${id}/reports`,
        headers: bearer(who.accessToken),
        payload: { reason },
      });
    expect((await report(reader, 'harassment')).json()).toEqual({ added: true });
    expect((await report(reader, 'spam')).json()).toEqual({ added: false });
    expect((await report(author, 'personal_information')).json()).toEqual({ added: true });
    const unknownReason = await report(reader, 'boring');
    expect(unknownReason.statusCode).toBe(400);
    expect(unknownReason.headers['content-type']).toMatch(/application\/problem\+json/);

    const admin = await platformAdmin(t.app, 'moderator');
    const queue = (status: 'open' | 'hidden') =>
      inject({
        method: 'GET',
        url: `/v1/admin/rants/reported?status=${status}`,
        headers: bearer(admin.accessToken),
      });
    const open = (await queue('open')).json();
    expect(open.items[0]).toMatchObject({
      id,
      content: 'Name and shame: my colleague in accounts is useless',
      reportCount: 2,
      reasons: { harassment: 1, personal_information: 1 },
      hiddenAt: null,
    });
    expect(JSON.stringify(open)).not.toContain(reader.user.id);

    const forbidden = await inject({
      method: 'POST',
      url: `/v1/admin/rants/${id}/hide`,
      headers: bearer(reader.accessToken),
    });
    expect(forbidden.statusCode).toBe(403);
    const hide = await inject({
      method: 'POST',
      url: `/v1/admin/rants/${id}/hide`,
      headers: bearer(admin.accessToken),
    });
    expect(hide.statusCode).toBe(204);
    const feedIds = async () =>
      (
        await inject({
          method: 'GET',
          url: '/v1/rants?limit=100',
          headers: bearer(reader.accessToken),
        })
      )
        .json()
        .items.map((item: { id: string }) => item.id);
    expect(await feedIds()).not.toContain(id);
    expect((await queue('hidden')).json().items.map((item: { id: string }) => item.id)).toEqual([
      id,
    ]);
    // A hidden post can be neither supported nor reported; its author can still delete it.
    expect(
      (
        await inject({
          method: 'POST',
          url: `/v1/rants/${id}/support`,
          headers: bearer(reader.accessToken),
        })
      ).statusCode,
    ).toBe(404);
    const restore = await inject({
      method: 'POST',
      url: `/v1/admin/rants/${id}/restore`,
      headers: bearer(admin.accessToken),
    });
    expect(restore.statusCode).toBe(204);
    expect(await feedIds()).toContain(id);
    const missing = await inject({
      method: 'POST',
      url: '/v1/admin/rants/00000000-0000-4000-8000-000000000000/hide',
      headers: bearer(admin.accessToken),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('after many people post, support and report, nothing stored or logged ties a post to anyone', async () => {
    const people = await Promise.all(
      Array.from({ length: 8 }, (_, i) => register(t.app, `crowd${i}`)),
    );
    const posted: Array<{ id: string; deleteToken: string; text: string }> = [];
    for (const [i, person] of people.entries()) {
      const text = `crowd post number ${i} about the open-plan office`;
      posted.push({ ...(await post(person, text)).json(), text });
    }
    for (const [i, person] of people.entries()) {
      for (const target of [posted[(i + 1) % people.length], posted[(i + 3) % people.length]]) {
        await inject({
          method: 'POST',
          url: `/v1/rants/${target.id}/support`,
          headers: bearer(person.accessToken),
        });
      }
      await inject({
        method: 'POST',
        url: `/v1/rants/${posted[(i + 2) % people.length].id}/reports`,
        headers: bearer(person.accessToken),
        payload: { reason: 'other' },
      });
    }

    const traces = await storedTraces();
    const logs = t.logs.join('\n');
    expect(logs).toContain('/v1/rants');
    for (const person of people) {
      for (const secret of [person.user.id, person.email, person.accessToken.split('.')[1]]) {
        expect(traces).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    }
    for (const { deleteToken, text } of posted) {
      expect(logs).not.toContain(deleteToken);
      expect(logs).not.toContain(text);
      expect(traces).not.toContain(text);
    }
    // A request line of a rant route says the method, path and status, and nothing else of it.
    const rantLines = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown> & { req?: { path: string } })
      .filter((line) => line.req?.path.startsWith('/v1/rants'));
    expect(rantLines.length).toBeGreaterThan(people.length * 4);
    for (const line of rantLines) {
      expect(Object.keys(line.req ?? {}).sort()).toEqual(['id', 'method', 'path']);
      expect(Object.keys(line.res as object)).toEqual(['statusCode']);
      expect(line).not.toHaveProperty('user');
      expect(line).not.toHaveProperty('userId');
    }
  });
});
