import { FieldCipher } from '../src/common/crypto/field-cipher.js';
import { parseKeyRing } from '../src/common/crypto/key-ring.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { runBuiltCli } from './support/cli.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app.js';

describe('private journals', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ana: SignedIn;
  let bob: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const rawRow = async (id: string) =>
    (
      await prisma.$queryRaw<Array<{ content: string; encryption_key_id: string; tags: string[] }>>`
        SELECT content, encryption_key_id, tags FROM journals WHERE id = ${id}::uuid`
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    ana = await register(t.app, 'ana');
    bob = await register(t.app, 'bob');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores the text only as ciphertext, private by default, with normalised tags', async () => {
    const created = await inject({
      method: 'POST',
      url: '/v1/journals',
      headers: bearer(ana.accessToken),
      payload: {
        content: 'Panic before the review meeting',
        tags: ['Work Stress', 'work-stress', ' Sleep '],
        moodScore: 4,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      content: 'Panic before the review meeting',
      tags: ['work-stress', 'sleep'],
      isPrivate: true,
      moodScore: 4,
    });
    const row = await rawRow(created.json().id);
    expect(row.content).not.toMatch(/Panic|review/);
    expect(row.encryption_key_id).toBe('k2026');
    expect(row.tags).toEqual(['work-stress', 'sleep']);
  });

  it('filters by tag and pages, and answers 404 for another person’s entry', async () => {
    const carol = await register(t.app, 'carol');
    const write = (content: string, tags: string[]) =>
      inject({
        method: 'POST',
        url: '/v1/journals',
        headers: bearer(carol.accessToken),
        payload: { content, tags },
      });
    const first = (await write('one', ['family'])).json();
    await write('two', ['work']);
    await write('three', ['Family', 'work']);
    const family = (
      await inject({
        method: 'GET',
        url: '/v1/journals?tag=FAMILY',
        headers: bearer(carol.accessToken),
      })
    ).json();
    expect(family.items.map((item: { content: string }) => item.content)).toEqual(['three', 'one']);
    const page = (
      await inject({
        method: 'GET',
        url: '/v1/journals?limit=2',
        headers: bearer(carol.accessToken),
      })
    ).json();
    expect(page.items).toHaveLength(2);
    const rest = (
      await inject({
        method: 'GET',
        url: `/v1/journals?limit=2&cursor=${page.nextCursor}`,
        headers: bearer(carol.accessToken),
      })
    ).json();
    expect(rest.items.map((item: { content: string }) => item.content)).toEqual(['one']);

    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await inject({
        method,
        url: `/v1/journals/${first.id}`,
        headers: bearer(bob.accessToken),
        ...(method === 'PATCH' ? { payload: { content: 'overwritten' } } : {}),
      });
      expect({ method, status: response.statusCode }).toEqual({ method, status: 404 });
    }
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/journals/${first.id}`,
          headers: bearer(carol.accessToken),
        })
      ).json().content,
    ).toBe('one');
  });

  it('pages through entries made in one instant, within a time range and a tag, none twice', async () => {
    const dana = await register(t.app, 'dana');
    for (const [content, tags] of [
      ['a', ['calm']],
      ['b', []],
      ['c', ['calm']],
      ['d', ['calm']],
      ['e', ['calm']],
    ] as const) {
      const created = await inject({
        method: 'POST',
        url: '/v1/journals',
        headers: bearer(dana.accessToken),
        payload: { content, tags },
      });
      expect(created.statusCode).toBe(201);
    }
    // b, c and d in the same millisecond: the cursor's id breaks the tie.
    await prisma.$executeRaw`
      UPDATE journals SET created_at = CASE letter
          WHEN 'a' THEN timestamptz '2026-03-01 09:00:00.000Z'
          WHEN 'e' THEN timestamptz '2026-03-01 11:00:00.000Z'
          ELSE timestamptz '2026-03-01 10:00:00.000Z' END
        FROM (SELECT id AS journal_id, chr(96 + row_number() OVER (ORDER BY created_at)::int)
                AS letter
                FROM journals WHERE user_id = ${dana.user.id}::uuid) ordered
       WHERE id = ordered.journal_id`;
    const contents = async (query: string) =>
      (
        await walkOneByOne<{ content: string }>(
          t.app,
          `/v1/journals${query}`,
          bearer(dana.accessToken),
        )
      ).flatMap((page) => page.items.map((item) => item.content));

    const all = await contents('');
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
    expect([all[0], all[4]]).toEqual(['e', 'a']);
    expect((await contents('?tag=calm')).sort()).toEqual(['a', 'c', 'd', 'e']);
    const from = encodeURIComponent('2026-03-01T10:00:00.000Z');
    const to = encodeURIComponent('2026-03-01T11:00:00.000Z');
    expect((await contents(`?from=${from}&to=${to}`)).sort()).toEqual(['b', 'c', 'd']);
    expect((await contents(`?from=${from}&to=${to}&tag=calm`)).sort()).toEqual(['c', 'd']);
  });

  it('refuses more than 20 tags, a mood outside 1..10, and unknown fields', async () => {
    const payloads = [
      { content: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      // Two characters sent, 36 once normalised (NFKC spells each ligature out in 18 letters).
      { content: 'x', tags: ['\ufdfa\ufdfa'] },
      { content: 'x', moodScore: 11 },
      { content: 'x', userId: bob.user.id },
      { content: '' },
    ];
    for (const payload of payloads) {
      const response = await inject({
        method: 'POST',
        url: '/v1/journals',
        headers: bearer(ana.accessToken),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('reads entries under an old key, and the re-encryption command moves them to the active key', async () => {
    const oldCipher = new FieldCipher(parseKeyRing(TEST_ENCRYPTION_KEYS, 'k2025'));
    const sealed = oldCipher.encrypt('from before the rotation', `journals.content:${ana.user.id}`);
    const old = await prisma.journal.create({
      data: { userId: ana.user.id, content: sealed.ciphertext, encryptionKeyId: 'k2025' },
    });
    const note = oldCipher.encrypt('old note', `mood_entries.notes:${ana.user.id}`);
    const mood = await prisma.moodEntry.create({
      data: { userId: ana.user.id, moodScore: 5, notes: note.ciphertext, encryptionKeyId: 'k2025' },
    });
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/journals/${old.id}`,
          headers: bearer(ana.accessToken),
        })
      ).json().content,
    ).toBe('from before the rotation');

    const result = await runBuiltCli('reencrypt.js', [], {
      DATABASE_URL: t.database.url,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ANONYMITY_KEY: t.config.ANONYMITY_KEY!,
      LOG_LEVEL: 'silent',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/journals\.content: 1 moved, 0 left/);
    expect(result.stdout).toMatch(/mood_entries\.notes: 1 moved, 0 left/);

    const moved = await rawRow(old.id);
    expect(moved.encryption_key_id).toBe('k2026');
    expect(moved.content).not.toBe(sealed.ciphertext);
    expect(
      (await prisma.moodEntry.findUniqueOrThrow({ where: { id: mood.id } })).encryptionKeyId,
    ).toBe('k2026');
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/journals/${old.id}`,
          headers: bearer(ana.accessToken),
        })
      ).json().content,
    ).toBe('from before the rotation');
    // With the old key removed from the ring, everything still reads.
    const onlyNew = new FieldCipher(parseKeyRing(TEST_ENCRYPTION_KEYS.split(',')[1]));
    expect(
      onlyNew.decrypt(
        { keyId: 'k2026', ciphertext: moved.content },
        `journals.content:${ana.user.id}`,
      ),
    ).toBe('from before the rotation');
    const again = await runBuiltCli('reencrypt.js', [], {
      DATABASE_URL: t.database.url,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ANONYMITY_KEY: t.config.ANONYMITY_KEY!,
    });
    expect(again.stdout).toMatch(/journals\.content: 0 moved, 0 left/);
    expect(again.stdout).toMatch(/mood_entries\.notes: 0 moved, 0 left/);
  });
});
