import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { PrismaService } from '../src/database/prisma.service.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { therapist } from './factories/catalogue.js';
import { platformAdmin } from './factories/people.js';

interface Slot {
  startTime: string;
  endTime: string;
  localStartTime: string;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('appointments', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let client: SignedIn;
  let other: SignedIn;
  let admin: { accessToken: string };
  let therapistId: string;
  /** A local day in Berlin ten days ahead (and the next), 09:00-17:00 in 50-minute slots. */
  const day = DateTime.now().setZone('Europe/Berlin').startOf('day').plus({ days: 10 });
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const as = (who: { accessToken: string }) => bearer(who.accessToken);

  const freeSlots = async (on = day): Promise<Slot[]> => {
    const from = encodeURIComponent(on.toISO()!);
    const to = encodeURIComponent(on.plus({ days: 1 }).toISO()!);
    const response = await inject({
      method: 'GET',
      url: `/v1/therapists/${therapistId}/slots?from=${from}&to=${to}`,
      headers: as(client),
    });
    expect(response.statusCode).toBe(200);
    return response.json().slots;
  };
  const startsOf = (slots: Slot[]) => slots.map((slot) => slot.startTime);
  const book = (who: { accessToken: string }, startTime: string, extra = {}) =>
    inject({
      method: 'POST',
      url: '/v1/appointments',
      headers: as(who),
      payload: { therapistId, startTime, ...extra },
    });
  const act = (who: { accessToken: string }, id: string, action: string, payload?: object) =>
    inject({ method: 'POST', url: `/v1/appointments/${id}/${action}`, headers: as(who), payload });
  const read = async (id: string, who = client) =>
    inject({ method: 'GET', url: `/v1/appointments/${id}`, headers: as(who) });

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    [client, other] = await Promise.all([register(t.app, 'client'), register(t.app, 'other')]);
    admin = await platformAdmin(t.app, 'admin');
    therapistId = await therapist(t.app, admin.accessToken, {
      licenseNumber: 'PP-BE-2200',
      availability: {
        timezone: 'Europe/Berlin',
        weekly: DAYS.map((weekday) => ({ day: weekday, start: '09:00', end: '17:00' })),
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('books a free slot, which leaves /slots and comes back when cancelled', async () => {
    const [slot] = await freeSlots();
    expect(slot.localStartTime.slice(11, 16)).toBe('09:00');
    const booked = await book(client, slot.startTime);
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({
      therapistId,
      therapistName: 'Dr. Jonas Weber',
      startTime: slot.startTime,
      endTime: slot.endTime,
      status: 'pending',
    });
    expect(startsOf(await freeSlots())).not.toContain(slot.startTime);

    const cancelled = await act(client, booked.json().id, 'cancel');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(startsOf(await freeSlots())).toContain(slot.startTime);
  });

  it('answers 422 for a time that is not a future slot, and books nothing', async () => {
    const [first] = await freeSlots();
    const before = await prisma.appointment.count();
    const offGrid = new Date(Date.parse(first.startTime) + 10 * 60_000).toISOString();
    const between = await book(client, offGrid);
    expect(between.statusCode).toBe(422);
    expect(between.json().detail).toContain('is not the start of one of this therapist');
    const tooLong = await book(client, first.startTime, {
      endTime: new Date(Date.parse(first.startTime) + 90 * 60_000).toISOString(),
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().detail).toContain(`endTime must be ${first.endTime}`);
    const yesterdayNine = DateTime.now()
      .setZone('Europe/Berlin')
      .minus({ days: 1 })
      .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const past = await book(client, yesterdayNine.toUTC().toISO()!);
    expect(past.statusCode).toBe(422);
    expect(past.json().detail).toContain('already begun');
    const nobody = await inject({
      method: 'POST',
      url: '/v1/appointments',
      headers: as(client),
      payload: { therapistId: randomUUID(), startTime: first.startTime },
    });
    expect(nobody.statusCode).toBe(404);
    const malformed = await book(client, '2030-02-30T09:00:00Z', { notes: 'x'.repeat(2001) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'notes',
      'startTime',
    ]);
    expect(await prisma.appointment.count()).toBe(before);
  });

  it('gives one slot to exactly one of twenty people booking it at once', async () => {
    const slot = (await freeSlots())[3];
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, index) => register(t.app, `racer${index}`)),
    );
    const responses = await Promise.all(people.map((person) => book(person, slot.startTime)));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const refused = responses.find((response) => response.statusCode === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toContain('already booked');
    expect(
      await prisma.appointment.count({
        where: { therapistId, startTime: new Date(slot.startTime), status: { not: 'cancelled' } },
      }),
    ).toBe(1);
  });

  it('queues bookings that meet a slot held by an open transaction: one 201, the rest 409', async () => {
    // Inserts that all reach the exclusion constraint before any of them commits wait on one
    // another; unless bookings of one therapist queue first, PostgreSQL breaks the cycle by
    // aborting some of them as deadlocked instead of refusing them as overlapping. Twelve, so
    // the waiting requests, the held transaction and this test's own reads fit the pool of 20.
    const [slot] = await freeSlots(day.plus({ days: 1 }));
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, index) => register(t.app, `queued${index}`)),
    );
    const waitingOnLocks = async () =>
      Number(
        (
          await prisma.$queryRaw<[{ waiting: bigint }]>`
            SELECT count(*) AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`
        )[0].waiting,
      );
    let responses: Awaited<ReturnType<typeof book>>[] = [];
    await prisma
      .$transaction(
        async (tx) => {
          await tx.appointment.create({
            data: {
              userId: client.user.id,
              therapistId,
              startTime: new Date(slot.startTime),
              endTime: new Date(slot.endTime),
              status: 'pending',
            },
          });
          const booking = Promise.all(people.map((person) => book(person, slot.startTime)));
          for (let tries = 0; tries < 200 && (await waitingOnLocks()) < people.length; tries++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(await waitingOnLocks()).toBe(people.length);
          throw new HeldSlotReleased(booking);
        },
        { timeout: 30_000 },
      )
      .catch(async (error: unknown) => {
        if (!(error instanceof HeldSlotReleased)) throw error;
        responses = await error.booking;
      });
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(people.length - 1).fill(409)]);
    expect(
      await prisma.appointment.count({
        where: { therapistId, startTime: new Date(slot.startTime), status: { not: 'cancelled' } },
      }),
    ).toBe(1);
  });

  it('follows the status machine, refusing illegal moves with 409 and changing nothing', async () => {
    const slot = (await freeSlots())[5];
    const { id } = (await book(client, slot.startTime)).json();
    const statusOf = async () => (await read(id)).json().status;

    expect((await act(client, id, 'confirm')).statusCode).toBe(403);
    const early = await act(admin, id, 'complete');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('from pending to completed');
    expect(await statusOf()).toBe('pending');

    expect((await act(admin, id, 'confirm')).json().status).toBe('confirmed');
    const twice = await act(admin, id, 'confirm');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('from confirmed to confirmed');
    const beforeStart = await act(admin, id, 'no-show');
    expect(beforeStart.statusCode).toBe(409);
    expect(beforeStart.json().detail).toContain('before it starts');
    expect(await statusOf()).toBe('confirmed');

    expect((await act(client, id, 'cancel')).json().status).toBe('cancelled');
    const final = await act(admin, id, 'confirm');
    expect(final.statusCode).toBe(409);
    expect(final.json().detail).toBe(
      'An appointment cannot go from cancelled to confirmed: cancelled is final.',
    );
    expect((await act(client, id, 'cancel')).statusCode).toBe(409);
    expect(await statusOf()).toBe('cancelled');
  });

  it('applies one of several status changes sent at once, refusing the rest with 409', async () => {
    const slot = (await freeSlots())[6];
    const { id } = (await book(client, slot.startTime)).json();
    const responses = await Promise.all(Array.from({ length: 6 }, () => act(admin, id, 'confirm')));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([
      200, 409, 409, 409, 409, 409,
    ]);
    expect((await read(id)).json().status).toBe('confirmed');
    await act(client, id, 'cancel');
  });

  it('records a session as held only after it started, and then no longer moves it', async () => {
    const started = DateTime.now().minus({ hours: 2 }).startOf('hour');
    const held = await prisma.appointment.create({
      data: {
        therapistId,
        userId: client.user.id,
        startTime: started.toJSDate(),
        endTime: started.plus({ minutes: 50 }).toJSDate(),
        status: 'confirmed',
      },
    });
    const completed = await act(admin, held.id, 'complete');
    expect(completed.statusCode).toBe(200);
    expect(completed.json().status).toBe('completed');
    const noShow = await act(admin, held.id, 'no-show');
    expect(noShow.statusCode).toBe(409);
    expect(noShow.json().detail).toContain('from completed to no_show');
    expect((await act(client, held.id, 'cancel')).statusCode).toBe(409);
    expect((await read(held.id)).json().status).toBe('completed');

    const past = await inject({
      method: 'GET',
      url: '/v1/appointments?when=past',
      headers: as(client),
    });
    expect(past.json().items.map((item: { id: string }) => item.id)).toEqual([held.id]);
  });

  it('answers 404 for another person’s appointment, and lets an admin cancel it', async () => {
    const slot = (await freeSlots())[7];
    const note = 'I want to talk about my sleep and the new manager';
    const booked = (await book(client, slot.startTime, { notes: note })).json();
    const { id } = booked;
    // The note is the person's alone: encrypted at rest, answered to them, to nobody else.
    expect(booked.notes).toBe(note);
    expect((await read(id)).json().notes).toBe(note);
    const [stored] = await prisma.$queryRaw<Array<{ notes: string; encryption_key_id: string }>>`
      SELECT notes, encryption_key_id FROM appointments WHERE id = ${id}::uuid`;
    expect(stored.notes).not.toContain('sleep');
    expect(stored.encryption_key_id).toBe('k2026');
    expect((await read(id, other)).statusCode).toBe(404);
    expect((await act(other, id, 'cancel')).statusCode).toBe(404);
    const [free] = await freeSlots();
    expect((await act(other, id, 'reschedule', { startTime: free.startTime })).statusCode).toBe(
      404,
    );
    expect((await read(id)).json()).toMatchObject({ status: 'pending', startTime: slot.startTime });
    const theirs = await inject({ method: 'GET', url: '/v1/appointments', headers: as(other) });
    expect(theirs.json().items).toEqual([]);

    const byPractice = await act(admin, id, 'cancel');
    expect(byPractice.statusCode).toBe(200);
    expect(byPractice.json().status).toBe('cancelled');
    expect(byPractice.json()).not.toHaveProperty('notes');
  });

  it('reschedules atomically: a taken slot leaves the booking as it was', async () => {
    const slots = await freeSlots();
    const [mine, theirs, later] = [slots[0], slots[1], slots[2]];
    const { id } = (await book(client, mine.startTime)).json();
    expect((await book(other, theirs.startTime)).statusCode).toBe(201);
    await act(admin, id, 'confirm');

    const clash = await act(client, id, 'reschedule', { startTime: theirs.startTime });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toContain('already booked');
    expect((await read(id)).json()).toMatchObject({
      startTime: mine.startTime,
      endTime: mine.endTime,
      status: 'confirmed',
    });
    expect(startsOf(await freeSlots())).not.toContain(mine.startTime);

    const offGrid = await act(client, id, 'reschedule', {
      startTime: new Date(Date.parse(later.startTime) + 60_000).toISOString(),
    });
    expect(offGrid.statusCode).toBe(422);

    const moved = await act(client, id, 'reschedule', { startTime: later.startTime });
    expect(moved.statusCode).toBe(200);
    // The practice confirmed the old time, not this one.
    expect(moved.json()).toMatchObject({ startTime: later.startTime, status: 'pending' });
    const free = startsOf(await freeSlots());
    expect(free).toContain(mine.startTime);
    expect(free).not.toContain(later.startTime);

    await act(client, id, 'cancel');
    const closed = await act(client, id, 'reschedule', { startTime: mine.startTime });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('cancelled');
  });

  it('lists the caller’s upcoming appointments soonest first, page by page', async () => {
    const person = await register(t.app, 'lister');
    const slots = await freeSlots();
    const picked = [slots[slots.length - 1], slots[slots.length - 3], slots[slots.length - 2]];
    for (const slot of picked) expect((await book(person, slot.startTime)).statusCode).toBe(201);
    const page = (query: string) =>
      inject({ method: 'GET', url: `/v1/appointments?limit=2${query}`, headers: as(person) });
    const first = (await page('')).json();
    const second = (await page(`&cursor=${first.nextCursor}`)).json();
    expect(
      [...first.items, ...second.items].map((item: { startTime: string }) => item.startTime),
    ).toEqual(startsOf(picked).sort());
    expect(second.nextCursor).toBeNull();
    expect((await page('&when=someday')).statusCode).toBe(400);
  });
});

/** Thrown to roll back the transaction holding a slot, carrying the bookings it held up. */
class HeldSlotReleased extends Error {
  constructor(readonly booking: Promise<Awaited<ReturnType<TestApp['app']['inject']>>[]>) {
    super('released');
  }
}
