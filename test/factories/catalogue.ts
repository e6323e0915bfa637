import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../support/auth-helpers.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

async function created(
  app: NestFastifyApplication,
  url: string,
  token: string,
  payload: object,
): Promise<string> {
  const response = await app.inject({ method: 'POST', url, headers: bearer(token), payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return (response.json() as { id: string }).id;
}

/**
 * A therapist a platform admin listed, by default seeing people 09:00 to 17:00 on weekdays in
 * Berlin; answers the id.
 */
export function therapist(
  app: NestFastifyApplication,
  adminToken: string,
  details: Record<string, unknown> = {},
): Promise<string> {
  return created(app, '/v1/therapists', adminToken, {
    name: 'Dr. Jonas Weber',
    specialization: 'anxiety',
    licenseNumber: `PP-${randomBytes(4).toString('hex')}`,
    availability: {
      timezone: 'Europe/Berlin',
      weekly: WEEKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' })),
    },
    ...details,
  });
}

/** A beginner course of two modules, as an admin publishes it. */
export const RESILIENCE_COURSE = {
  title: 'Resilience basics',
  description: 'Bouncing back from setbacks at work',
  difficulty: 'beginner',
  topic: 'resilience',
  modules: [
    {
      id: 'intro',
      title: 'What resilience is',
      kind: 'video',
      durationMinutes: 5,
      contentUrl: 'https://cdn.example/r/intro.mp4',
    },
    {
      id: 'practice',
      title: 'Daily practice',
      kind: 'exercise',
      durationMinutes: 7,
      contentUrl: 'https://cdn.example/r/practice',
    },
  ],
};

/** A course a platform admin published (`RESILIENCE_COURSE` unless told otherwise); its id. */
export function course(
  app: NestFastifyApplication,
  adminToken: string,
  details: Record<string, unknown> = {},
): Promise<string> {
  return created(app, '/v1/courses', adminToken, { ...RESILIENCE_COURSE, ...details });
}

/**
 * A survey of the organisation, drafted and opened by someone who leads it (its audience is
 * frozen at that moment); answers the id.
 */
export async function openSurvey(
  app: NestFastifyApplication,
  orgId: string,
  leadToken: string,
  questions: object[] = [
    { id: 'rested', text: 'I feel rested.', type: 'likert', required: true },
    { id: 'ideas', text: 'What would help?', type: 'free_text', required: false },
  ],
): Promise<string> {
  const id = await created(app, `/v1/orgs/${orgId}/surveys`, leadToken, {
    title: 'Pulse',
    questions,
  });
  const opened = await app.inject({
    method: 'POST',
    url: `/v1/surveys/${id}/open`,
    headers: bearer(leadToken),
  });
  if (opened.statusCode !== 200) throw new Error(`open survey: ${opened.body}`);
  return id;
}
