import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';
import { RESILIENCE_COURSE } from './factories/catalogue.js';

describe('courses', () => {
  let t: TestApp;
  let learner: SignedIn;
  let admin: { accessToken: string };
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const titles = (page: { items: Array<{ title: string }> }) =>
    page.items.map((item) => item.title).sort();
  const newCourse = RESILIENCE_COURSE;

  beforeAll(async () => {
    t = await startTestApp();
    learner = await register(t.app, 'learner');
    admin = await platformAdmin(t.app, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('ships a starter catalogue and filters it by difficulty, duration, topic and words', async () => {
    const get = async (query: string) =>
      (
        await inject({
          method: 'GET',
          url: `/v1/courses?limit=100&${query}`,
          headers: bearer(learner.accessToken),
        })
      ).json();
    expect((await get('')).items.length).toBeGreaterThanOrEqual(7);
    expect(titles(await get('topic=anxiety'))).toEqual([
      'Advanced cognitive skills for anxiety',
      'Working with worry',
    ]);
    expect(titles(await get('topic=anxiety&difficulty=advanced'))).toEqual([
      'Advanced cognitive skills for anxiety',
    ]);
    // Durations are the sums of their modules: 9 (breathing) and 18 (mindfulness) minutes.
    expect(titles(await get('maxDuration=18'))).toEqual([
      'Calm in five minutes: breathing for stress',
      'Mindfulness foundations',
    ]);
    expect(titles(await get('q=BURNOUT'))).toEqual(['Boundaries at work']);
    expect(
      (
        await inject({
          method: 'GET',
          url: '/v1/courses?difficulty=expert',
          headers: bearer(learner.accessToken),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lets admins create, edit and retire courses, with modules validated; others get 403', async () => {
    const refused = await inject({
      method: 'POST',
      url: '/v1/courses',
      headers: bearer(learner.accessToken),
      payload: newCourse,
    });
    expect(refused.statusCode).toBe(403);
    const badKind = { ...newCourse, modules: [{ ...newCourse.modules[0], kind: 'podcast' }] };
    expect(
      (
        await inject({
          method: 'POST',
          url: '/v1/courses',
          headers: bearer(admin.accessToken),
          payload: badKind,
        })
      ).statusCode,
    ).toBe(400);
    const duplicate = { ...newCourse, modules: [newCourse.modules[0], newCourse.modules[0]] };
    expect(
      (
        await inject({
          method: 'POST',
          url: '/v1/courses',
          headers: bearer(admin.accessToken),
          payload: duplicate,
        })
      ).statusCode,
    ).toBe(400);

    const created = await inject({
      method: 'POST',
      url: '/v1/courses',
      headers: bearer(admin.accessToken),
      payload: newCourse,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ durationMinutes: 12, topic: 'resilience' });
    const id = created.json().id;
    const edited = await inject({
      method: 'PATCH',
      url: `/v1/courses/${id}`,
      headers: bearer(admin.accessToken),
      payload: { difficulty: 'intermediate' },
    });
    expect(edited.json()).toMatchObject({ difficulty: 'intermediate', durationMinutes: 12 });
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/v1/courses/${id}`,
          headers: bearer(admin.accessToken),
        })
      ).statusCode,
    ).toBe(204);
    const listed = (
      await inject({
        method: 'GET',
        url: '/v1/courses?topic=resilience',
        headers: bearer(learner.accessToken),
      })
    ).json();
    expect(listed.items).toEqual([]);
  });

  it('records enrolment and module progress, shown in /v1/me/courses', async () => {
    const catalogue = (
      await inject({
        method: 'GET',
        url: '/v1/courses?topic=stress&difficulty=beginner',
        headers: bearer(learner.accessToken),
      })
    ).json();
    const course = catalogue.items[0];
    const enrolled = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/enrollment`,
      headers: bearer(learner.accessToken),
    });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.json()).toMatchObject({
      courseId: course.id,
      completedModules: [],
      percentComplete: 0,
    });
    const again = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/enrollment`,
      headers: bearer(learner.accessToken),
    });
    expect(again.json().completedModules).toEqual([]);

    const [first, second] = course.modules.map((module: { id: string }) => module.id);
    const half = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/modules/${first}/completion`,
      headers: bearer(learner.accessToken),
    });
    expect(half.json()).toMatchObject({
      completedModules: [first],
      percentComplete: 50,
      completedAt: null,
    });
    await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/modules/${first}/completion`,
      headers: bearer(learner.accessToken),
    });
    const done = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/modules/${second}/completion`,
      headers: bearer(learner.accessToken),
    });
    expect(done.json()).toMatchObject({
      completedModules: [first, second],
      percentComplete: 100,
      completedAt: expect.any(String),
    });
    const unknownModule = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/modules/nope/completion`,
      headers: bearer(learner.accessToken),
    });
    expect(unknownModule.statusCode).toBe(404);

    const mine = (
      await inject({ method: 'GET', url: '/v1/me/courses', headers: bearer(learner.accessToken) })
    ).json();
    expect(mine).toEqual({
      items: [expect.objectContaining({ courseId: course.id, percentComplete: 100 })],
      nextCursor: null,
    });
    const other = await register(t.app, 'other');
    expect(
      (
        await inject({ method: 'GET', url: '/v1/me/courses', headers: bearer(other.accessToken) })
      ).json().items,
    ).toEqual([]);
    const notEnrolled = await inject({
      method: 'PUT',
      url: `/v1/courses/${course.id}/modules/${first}/completion`,
      headers: bearer(other.accessToken),
    });
    expect(notEnrolled.statusCode).toBe(404);
  });

  it('pages one’s enrolments one by one, latest first', async () => {
    const student = await register(t.app, 'student');
    const catalogue = (
      await inject({
        method: 'GET',
        url: '/v1/courses?limit=3',
        headers: bearer(student.accessToken),
      })
    ).json();
    const courseIds = catalogue.items.map((course: { id: string }) => course.id) as string[];
    expect(courseIds).toHaveLength(3);
    for (const id of courseIds) {
      const enrolled = await inject({
        method: 'PUT',
        url: `/v1/courses/${id}/enrollment`,
        headers: bearer(student.accessToken),
      });
      expect(enrolled.statusCode).toBe(200);
    }
    const pages = await walkOneByOne<{ courseId: string }>(
      t.app,
      '/v1/me/courses',
      bearer(student.accessToken),
    );
    expect(pages.map((page) => page.items.length)).toEqual([1, 1, 1]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.flatMap((page) => page.items.map((item) => item.courseId))).toEqual(
      [...courseIds].reverse(),
    );
  });

  it('counts progress against the modules a course has now, after an edit replaced some', async () => {
    const learnerOf = await register(t.app, 'editing-learner');
    const created = await inject({
      method: 'POST',
      url: '/v1/courses',
      headers: bearer(admin.accessToken),
      payload: { ...newCourse, topic: 'reworked' },
    });
    const course = created.json();
    const as = (path: string) => ({
      method: 'PUT' as const,
      url: `/v1/courses/${course.id}${path}`,
      headers: bearer(learnerOf.accessToken),
    });
    await inject(as('/enrollment'));
    await inject(as('/modules/intro/completion'));
    const [, practice] = newCourse.modules;
    await inject({
      method: 'PATCH',
      url: `/v1/courses/${course.id}`,
      headers: bearer(admin.accessToken),
      payload: { modules: [{ ...practice, id: 'practice-2' }] },
    });
    const progress = (await inject(as('/enrollment'))).json();
    expect(progress).toMatchObject({ completedModules: [], totalModules: 1, percentComplete: 0 });
    const done = (await inject(as('/modules/practice-2/completion'))).json();
    expect(done).toMatchObject({ completedModules: ['practice-2'], percentComplete: 100 });
  });
});
