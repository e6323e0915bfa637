import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { PrismaService } from '../src/database/prisma.service.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const everyDay = (start: string, end: string) => DAYS.map((day) => ({ day, start, end }));

describe('therapist directory', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let member: SignedIn;
  let admin: { accessToken: string };
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const license = () => `LIC-${randomBytes(4).toString('hex')}`;
  const therapist = (overrides: Record<string, unknown> = {}) => ({
    name: 'Dr. Lena Hoffmann',
    specialization: 'anxiety',
    licenseNumber: license(),
    languages: ['de', 'en'],
    rating: 4.5,
    availability: { timezone: 'Europe/Berlin', weekly: everyDay('09:00', '17:00') },
    ...overrides,
  });
  const create = (body: Record<string, unknown>, token = admin.accessToken) =>
    inject({ method: 'POST', url: '/v1/therapists', headers: bearer(token), payload: body });
  const get = (url: string) => inject({ method: 'GET', url, headers: bearer(member.accessToken) });
  const names = (response: { json(): { items: Array<{ name: string }> } }) =>
    response.json().items.map((item) => item.name);

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    member = await register(t.app, 'member');
    admin = await platformAdmin(t.app, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets admins add and edit therapists, and answers 403 to everyone else', async () => {
    const body = therapist({ specialization: 'burnout' });
    expect((await create(body, member.accessToken)).statusCode).toBe(403);
    const created = await create(body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Dr. Lena Hoffmann',
      specialization: 'burnout',
      licenseNumber: body.licenseNumber,
      rating: 4.5,
      languages: ['de', 'en'],
      profileUrl: null,
      availability: { timezone: 'Europe/Berlin', slotMinutes: 50, exceptions: [] },
    });
    const { id } = created.json();

    const refused = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${id}`,
      headers: bearer(member.accessToken),
      payload: { rating: 1 },
    });
    expect(refused.statusCode).toBe(403);
    const edited = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${id}`,
      headers: bearer(admin.accessToken),
      payload: { rating: null, languages: ['pt-br'] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ rating: null, languages: ['pt-br'], name: body.name });
    expect((await get(`/v1/therapists/${id}`)).json()).toMatchObject({
      rating: null,
      languages: ['pt-br'],
    });
    expect((await get(`/v1/therapists/${randomUUID()}`)).statusCode).toBe(404);
    const emptied = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${id}`,
      headers: bearer(admin.accessToken),
      payload: { name: null },
    });
    expect(emptied.statusCode).toBe(400);
    expect(emptied.json().errors[0].field).toBe('name');
    const missing = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${randomUUID()}`,
      headers: bearer(admin.accessToken),
      payload: { rating: 3 },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a license number another therapist holds with 409', async () => {
    const first = await create(therapist({ specialization: 'licensing' }));
    const taken = first.json().licenseNumber;
    const duplicate = await create(
      therapist({ specialization: 'licensing', licenseNumber: taken }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.json().detail).toContain(taken);

    const other = (await create(therapist({ specialization: 'licensing' }))).json();
    const renamed = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${other.id}`,
      headers: bearer(admin.accessToken),
      payload: { licenseNumber: taken },
    });
    expect(renamed.statusCode).toBe(409);
    expect((await get(`/v1/therapists/${other.id}`)).json().licenseNumber).toBe(
      other.licenseNumber,
    );
  });

  it('refuses malformed fields with 400 and the field of each', async () => {
    const fieldsOf = async (body: Record<string, unknown>) => {
      const response = await create(body);
      expect(response.statusCode).toBe(400);
      return [...new Set(response.json().errors.map((error: { field: string }) => error.field))];
    };
    expect(
      await fieldsOf(therapist({ languages: ['EN'], rating: 6, profileUrl: 'http://x.org' })),
    ).toEqual(expect.arrayContaining(['languages', 'rating', 'profileUrl']));
    expect(await fieldsOf(therapist({ specialization: 'Anxiety & Stress' }))).toEqual([
      'specialization',
    ]);
    const { availability: _omitted, ...withoutHours } = therapist();
    expect(await fieldsOf(withoutHours)).toEqual(['availability']);
    expect(await fieldsOf(therapist({ availability: 'weekdays' }))).toEqual(['availability']);
    expect(await fieldsOf(therapist({ availability: { timezone: 'UTC' } }))).toEqual([
      'availability.weekly',
    ]);
  });

  it('refuses invalid availability with 400 naming each field, and stores nothing', async () => {
    const before = await prisma.therapist.count();
    const malformed = await create(
      therapist({
        availability: {
          timezone: 'Mars/Olympus_Mons',
          slotMinutes: 5,
          weekly: [
            { day: 'mon', start: '09:00', end: '12:00' },
            { day: 'funday', start: '9:00', end: '25:00' },
          ],
          exceptions: [{ date: '27-01-01', windows: [{ start: '10:00' }] }],
        },
      }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(
      [
        'availability.exceptions.0.date',
        'availability.exceptions.0.windows.0.end',
        'availability.slotMinutes',
        'availability.timezone',
        'availability.weekly.1.day',
        'availability.weekly.1.end',
        'availability.weekly.1.start',
      ].sort(),
    );

    const overlapping = await create(
      therapist({
        availability: {
          timezone: 'Europe/Berlin',
          weekly: [
            { day: 'tue', start: '09:00', end: '12:00' },
            { day: 'tue', start: '11:00', end: '13:00' },
            { day: 'wed', start: '15:00', end: '14:00' },
          ],
          exceptions: [{ date: '2027-02-29', windows: [] }],
        },
      }),
    );
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().errors).toEqual([
      { field: 'availability.weekly.1.start', reason: 'overlaps weekly.0 on tue' },
      { field: 'availability.weekly.2.end', reason: 'end must be after start, the same day' },
      {
        field: 'availability.exceptions.0.date',
        reason: 'date must be a calendar date (YYYY-MM-DD)',
      },
    ]);
    expect(await prisma.therapist.count()).toBe(before);

    const kept = (await create(therapist({ specialization: 'unchanged' }))).json();
    const patched = await inject({
      method: 'PATCH',
      url: `/v1/therapists/${kept.id}`,
      headers: bearer(admin.accessToken),
      payload: {
        name: 'Renamed',
        availability: {
          timezone: 'Europe/Berlin',
          weekly: [{ day: 'mon', start: '10:00', end: '09:00' }],
        },
      },
    });
    expect(patched.statusCode).toBe(400);
    expect((await get(`/v1/therapists/${kept.id}`)).json()).toMatchObject({
      name: kept.name,
      availability: kept.availability,
    });
  });

  it('lists best rated first, then by name, unrated last, page by page, with filters', async () => {
    for (const [name, rating, languages] of [
      ['Carla', 4.8, ['en']],
      ['Bruno', 4.2, ['de']],
      ['Anna', 4.2, ['en', 'fr']],
      ['Zoe', null, ['en']],
    ] as const) {
      await create(therapist({ name, rating, languages, specialization: 'grief' }));
    }
    const first = await get('/v1/therapists?specialization=grief&limit=3');
    expect(names(first)).toEqual(['Carla', 'Anna', 'Bruno']);
    const second = await get(
      `/v1/therapists?specialization=grief&limit=3&cursor=${first.json().nextCursor}`,
    );
    expect(names(second)).toEqual(['Zoe']);
    expect(second.json().nextCursor).toBeNull();

    expect(names(await get('/v1/therapists?specialization=grief&minRating=4.5'))).toEqual([
      'Carla',
    ]);
    expect(names(await get('/v1/therapists?specialization=grief&language=en'))).toEqual([
      'Carla',
      'Anna',
      'Zoe',
    ]);
    expect((await get('/v1/therapists?minRating=9')).statusCode).toBe(400);
    expect((await get('/v1/therapists?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('pages past a therapist whose name is as long as a name may be', async () => {
    // The cursor carries the name: the list must read back the longest cursor it gives out.
    for (const name of ['\u0007'.repeat(200), `Dr. ${'Ü'.repeat(196)}`]) {
      await create(therapist({ name, rating: 0.1234567890123, specialization: 'long-names' }));
    }
    await create(therapist({ name: 'Zed', rating: null, specialization: 'long-names' }));
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await get(
        `/v1/therapists?specialization=long-names&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      seen.push(...names(page));
      cursor = page.json().nextCursor;
    }
    expect(seen).toHaveLength(3);
  });

  it('lists only therapists with a free slot in [freeFrom, freeTo]', async () => {
    const day = DateTime.utc().plus({ days: 14 }).toISODate()!;
    const oneSlotThatDay = {
      timezone: 'UTC',
      slotMinutes: 60,
      weekly: [],
      exceptions: [{ date: day, windows: [{ start: '10:00', end: '11:00' }] }],
    };
    const booked = (
      await create(
        therapist({ name: 'Booked', specialization: 'trauma', availability: oneSlotThatDay }),
      )
    ).json();
    await create(
      therapist({ name: 'Free', specialization: 'trauma', availability: oneSlotThatDay }),
    );
    await create(
      therapist({
        name: 'Away',
        specialization: 'trauma',
        availability: { ...oneSlotThatDay, exceptions: [] },
      }),
    );
    const appointment = await inject({
      method: 'POST',
      url: '/v1/appointments',
      headers: bearer(member.accessToken),
      payload: { therapistId: booked.id, startTime: `${day}T10:00:00Z` },
    });
    expect(appointment.statusCode).toBe(201);

    const window = `freeFrom=${day}T00:00:00Z&freeTo=${day}T23:59:00Z`;
    expect(names(await get('/v1/therapists?specialization=trauma'))).toEqual([
      'Away',
      'Booked',
      'Free',
    ]);
    expect(names(await get(`/v1/therapists?specialization=trauma&${window}`))).toEqual(['Free']);
    // Free time is a slot wholly inside the window, not one that merely touches it.
    expect(
      names(
        await get(
          `/v1/therapists?specialization=trauma&freeFrom=${day}T10:30:00Z&freeTo=${day}T12:00:00Z`,
        ),
      ),
    ).toEqual([]);

    const cancelled = await inject({
      method: 'POST',
      url: `/v1/appointments/${appointment.json().id}/cancel`,
      headers: bearer(member.accessToken),
    });
    expect(cancelled.statusCode).toBe(200);
    expect(names(await get(`/v1/therapists?specialization=trauma&${window}`))).toEqual([
      'Booked',
      'Free',
    ]);

    expect((await get(`/v1/therapists?freeFrom=${day}T00:00:00Z`)).json().errors).toEqual([
      { field: 'freeTo', reason: 'freeFrom and freeTo must be given together' },
    ]);
    const tooLong = await get(
      '/v1/therapists?freeFrom=2030-01-01T00:00:00Z&freeTo=2030-02-02T00:00:00Z',
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].reason).toMatch(/at most 31 days/);
  });

  it('lays slots on the local clock across the next daylight-saving change in Berlin', async () => {
    // The next change at least three days ahead, so every slot of the range is in the future.
    let changeDay = DateTime.now().setZone('Europe/Berlin').startOf('day').plus({ days: 3 });
    while (
      changeDay.set({ hour: 12 }).offset === changeDay.minus({ days: 1 }).set({ hour: 12 }).offset
    ) {
      changeDay = changeDay.plus({ days: 1 });
    }
    const offsetBefore = changeDay.minus({ days: 1 }).set({ hour: 12 }).offset;
    const offsetAfter = changeDay.set({ hour: 12 }).offset;
    expect(offsetAfter).not.toBe(offsetBefore);
    const created = await create(
      therapist({
        specialization: 'sleep',
        availability: {
          timezone: 'Europe/Berlin',
          slotMinutes: 60,
          weekly: everyDay('09:00', '10:00'),
        },
      }),
    );
    const from = changeDay.minus({ days: 2 });
    const to = changeDay.plus({ days: 2 });
    const response = await get(
      `/v1/therapists/${created.json().id}/slots?from=${encodeURIComponent(from.toISO()!)}&to=${encodeURIComponent(to.toISO()!)}`,
    );
    expect(response.statusCode).toBe(200);

    // 09:00 on the local clock is 09:00 minus the offset of that day in UTC.
    const nineLocal = (day: DateTime, offsetMinutes: number) =>
      new Date(
        Date.UTC(day.year, day.month - 1, day.day, 9) - offsetMinutes * 60_000,
      ).toISOString();
    const sign = (minutes: number) => `+${String(minutes / 60).padStart(2, '0')}:00`;
    expect(response.json().slots).toEqual([
      {
        startTime: nineLocal(changeDay.minus({ days: 2 }), offsetBefore),
        endTime: expect.any(String),
        localStartTime: `${changeDay.minus({ days: 2 }).toISODate()}T09:00:00.000${sign(offsetBefore)}`,
      },
      {
        startTime: nineLocal(changeDay.minus({ days: 1 }), offsetBefore),
        endTime: expect.any(String),
        localStartTime: `${changeDay.minus({ days: 1 }).toISODate()}T09:00:00.000${sign(offsetBefore)}`,
      },
      {
        startTime: nineLocal(changeDay, offsetAfter),
        endTime: expect.any(String),
        localStartTime: `${changeDay.toISODate()}T09:00:00.000${sign(offsetAfter)}`,
      },
      {
        startTime: nineLocal(changeDay.plus({ days: 1 }), offsetAfter),
        endTime: expect.any(String),
        localStartTime: `${changeDay.plus({ days: 1 }).toISODate()}T09:00:00.000${sign(offsetAfter)}`,
      },
    ]);
    expect(response.json()).toMatchObject({ timezone: 'Europe/Berlin', slotMinutes: 60 });
  });

  it('refuses a slot range that is backwards, too long or malformed', async () => {
    const { id } = (await create(therapist({ specialization: 'ranges' }))).json();
    const slots = (query: string) => get(`/v1/therapists/${id}/slots?${query}`);
    const backwards = await slots('from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'to', reason: 'to must be after from' }]);
    expect((await slots('from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:01Z')).statusCode).toBe(400);
    const malformed = await slots('from=2030-02-30T00:00:00Z&to=tomorrow');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'from',
      'to',
    ]);
    expect((await slots('to=2030-01-01T00:00:00Z')).statusCode).toBe(400);
    expect(
      (
        await get(
          `/v1/therapists/${randomUUID()}/slots?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z`,
        )
      ).statusCode,
    ).toBe(404);
  });
});
