import { PrismaService } from '../src/database/prisma.service.js';
import { AssessmentsService } from '../src/assessments/assessments.service.js';
import { PHQ9 } from '../src/assessments/instruments.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const phq9Answers = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`q${index + 1}`, value]));

describe('assessments', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ana: SignedIn;
  let bob: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const respond = (who: SignedIn, id: string, answers: Record<string, unknown>) =>
    inject({
      method: 'POST',
      url: `/v1/assessments/${id}/responses`,
      headers: bearer(who.accessToken),
      payload: { answers },
    });

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    ana = await register(t.app, 'ana');
    bob = await register(t.app, 'bob');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('ships the four standard instruments, seeded once however often the service starts', async () => {
    const list = await inject({
      method: 'GET',
      url: '/v1/assessments',
      headers: bearer(ana.accessToken),
    });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((a: { assessmentType: string }) => a.assessmentType)
        .sort(),
    ).toEqual(['gad7', 'phq9', 'pss10', 'who5']);
    const phq9 = list
      .json()
      .items.find((a: { assessmentType: string }) => a.assessmentType === 'phq9');
    expect(phq9.definition.questions).toHaveLength(9);
    await t.app.get(AssessmentsService).onApplicationBootstrap(); // as a restart would
    expect(
      await prisma.wellnessAssessment.count({ where: { assessmentType: { not: 'custom' } } }),
    ).toBe(4);
  });

  it('pages the assessments one by one, the standard instruments first', async () => {
    const cara = await register(t.app, 'cara');
    const titles = ['Sleep check', 'Focus check'];
    for (const title of titles) {
      const created = await inject({
        method: 'POST',
        url: '/v1/assessments',
        headers: bearer(cara.accessToken),
        payload: {
          title,
          questions: [
            {
              id: 'q1',
              text: 'How was it?',
              options: [
                { value: 0, label: 'Bad' },
                { value: 1, label: 'Good' },
              ],
            },
          ],
          scoring: { topic: 'sleep', bands: [{ min: 0, max: 1, label: 'any', level: 'none' }] },
        },
      });
      expect(created.statusCode).toBe(201);
    }
    const pages = await walkOneByOne<{ id: string; assessmentType: string; title: string }>(
      t.app,
      '/v1/assessments',
      bearer(cara.accessToken),
    );
    expect(pages.every((page) => page.items.length === 1)).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const listed = pages.flatMap((page) => page.items);
    expect(new Set(listed.map((item) => item.id)).size).toBe(listed.length);
    expect(listed.slice(0, 4).every((item) => item.assessmentType !== 'custom')).toBe(true);
    expect(listed.filter((item) => titles.includes(item.title)).map((item) => item.title)).toEqual(
      titles,
    );
  });

  it('scores a response, stores it, and recommends courses and therapists by topic and level', async () => {
    const course = await prisma.course.create({
      data: {
        title: 'Lifting low mood',
        description: 'Behavioural activation for depression',
        durationMinutes: 20,
        difficulty: 'beginner',
      },
    });
    const therapist = await prisma.therapist.create({
      data: { name: 'Dr. Lima', specialization: 'Depression', licenseNumber: 'CRP-1', rating: 4.8 },
    });
    const response = await respond(ana, PHQ9.id, phq9Answers([2, 2, 2, 1, 1, 1, 1, 1, 0])); // 11: moderate
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ totalScore: 11, band: { label: 'moderate', level: 'moderate' } });
    expect(body).not.toHaveProperty('crisisResources');
    // The test's course, the shipped depression course, and the matching therapist.
    expect(body.recommendations).toEqual([
      { kind: 'course', id: course.id, title: 'Lifting low mood' },
      { kind: 'course', id: expect.any(String), title: 'Small steps out of low mood' },
      { kind: 'therapist', id: therapist.id, title: 'Dr. Lima' },
    ]);
    const stored = await prisma.assessmentResponse.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored).toMatchObject({ userId: ana.user.id, assessmentId: PHQ9.id, totalScore: 11 });
    const own = await inject({
      method: 'GET',
      url: `/v1/assessments/responses/${body.id}`,
      headers: bearer(ana.accessToken),
    });
    expect(own.json()).toMatchObject({ id: body.id, totalScore: 11, band: { label: 'moderate' } });
    const foreign = await inject({
      method: 'GET',
      url: `/v1/assessments/responses/${body.id}`,
      headers: bearer(bob.accessToken),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers crisis resources for PHQ-9 item 9 above 0, by the person’s country, and stores none', async () => {
    await prisma.user.update({
      where: { id: ana.user.id },
      data: { preferences: { country: 'BR' } },
    });
    const response = await respond(ana, PHQ9.id, phq9Answers([0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.band.label).toBe('minimal');
    expect(body.crisisResources[0]).toMatchObject({ contact: '188' });
    const stored = await prisma.assessmentResponse.findUniqueOrThrow({ where: { id: body.id } });
    expect(JSON.stringify(stored)).not.toMatch(/CVV|Valoriza|crisis|"contact"/i);
  });

  it('refuses missing, extra and out-of-range answers with 400 naming each question, storing nothing', async () => {
    const before = await prisma.assessmentResponse.count();
    const answers: Record<string, unknown> = { ...phq9Answers([0, 1, 2, 3, 4, 0, 0, 0]), q10: 1 };
    const response = await respond(bob, PHQ9.id, answers);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['answers.q10', 'answers.q5', 'answers.q9']);
    expect(await prisma.assessmentResponse.count()).toBe(before);
  });

  it('keeps a custom assessment to its author (404 to others), and validates its schema', async () => {
    const definition = {
      title: 'Sleep check',
      questions: [
        {
          id: 'hours',
          text: 'Hours slept',
          options: [
            { value: 0, label: '<5' },
            { value: 1, label: '5-7' },
            { value: 2, label: '7+' },
          ],
        },
        {
          id: 'rested',
          text: 'Woke rested',
          options: [
            { value: 0, label: 'No' },
            { value: 1, label: 'Yes' },
          ],
        },
      ],
      scoring: {
        topic: 'sleep',
        bands: [
          { min: 0, max: 1, label: 'poor', level: 'mild' },
          { min: 2, max: 3, label: 'good', level: 'none' },
        ],
      },
    };
    const created = await inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: bearer(ana.accessToken),
      payload: definition,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/assessments/${id}`,
          headers: bearer(bob.accessToken),
        })
      ).statusCode,
    ).toBe(404);
    expect((await respond(bob, id, { hours: 1, rested: 1 })).statusCode).toBe(404);
    const scored = await respond(ana, id, { hours: 2, rested: 1 });
    expect(scored.json()).toMatchObject({ totalScore: 3, band: { label: 'good' } });

    const gap = {
      ...definition,
      scoring: { ...definition.scoring, bands: [{ min: 0, max: 1, label: 'poor', level: 'mild' }] },
    };
    const refused = await inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: bearer(ana.accessToken),
      payload: gap,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/cover the total 2/);
  });

  it('shows a person only their own history, with the change over time', async () => {
    const history = (
      await inject({
        method: 'GET',
        url: `/v1/assessments/${PHQ9.id}/responses`,
        headers: bearer(ana.accessToken),
      })
    ).json();
    expect(history.items.map((item: { totalScore: number }) => item.totalScore)).toEqual([1, 11]);
    expect(history.change).toBe(-10);
    const bobs = (
      await inject({
        method: 'GET',
        url: `/v1/assessments/${PHQ9.id}/responses`,
        headers: bearer(bob.accessToken),
      })
    ).json();
    expect(bobs).toEqual({ items: [], change: null });
  });
});
