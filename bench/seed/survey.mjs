// The closed survey whose results the bench reads: 10,000 anonymous responses.
import { COMMENTS, SURVEY_QUESTIONS } from './vocabulary.mjs';
import { benchUuid, departmentOf, employeeIdSql } from './sql.mjs';

/**
 * A survey of the large organisation, closed ten days ago, answered by every tenth member
 * (`responses` in all); three in ten left a comment, encrypted as the app encrypts them. Each
 * response carries its member's department and the wellness score the app computes from it.
 */
export async function seedSurvey(db, cipher, { orgId, key, responses, createdBy }) {
  const surveyId = benchUuid('bench-survey:large');
  await db.query(
    `INSERT INTO wellbeing_surveys (id, org_id, title, questions, is_active, status, opened_at,
                                    closed_at, created_by, created_at, updated_at)
     VALUES ($1, $2, 'Autumn pulse', $3::jsonb, false, 'closed', now() - interval '24 days',
             now() - interval '10 days', $4, now() - interval '30 days', now() - interval '10 days')`,
    [surveyId, orgId, JSON.stringify(SURVEY_QUESTIONS), createdBy],
  );
  const commented = Math.ceil((responses * 3) / 10);
  const comments = Array.from({ length: commented }, (_, index) =>
    JSON.stringify(
      cipher.encrypt(
        COMMENTS[index % COMMENTS.length],
        `survey_responses.responses:${surveyId}:comments`,
      ),
    ),
  );
  // Respondent p is member 10p - 3 of the organisation; comment c belongs to respondents whose
  // p % 10 is 0, 1 or 2.
  await db.query(
    `WITH answers AS (
       SELECT p, 10 * p - 3 AS member,
              1 + floor(random() * 5)::int AS workload, 1 + floor(random() * 5)::int AS support,
              1 + floor(random() * 5)::int AS stress, floor(random() * 11)::int AS sleep,
              1 + floor(random() * 5)::int AS belonging,
              CASE WHEN random() < 0.8 THEN floor(random() * 11)::int END AS recommend,
              (ARRAY['office', 'hybrid', 'remote'])[1 + floor(random() * 3)::int] AS work_mode,
              CASE WHEN p % 10 < 3 THEN ($3::jsonb[])[(p / 10) * 3 + p % 10 + 1] END AS comment
         FROM generate_series(1, $2::int) AS p
     )
     INSERT INTO survey_responses (survey_id, anonymous_token, responses, wellness_score,
                                   department, created_at)
     SELECT $1, md5('bench-token:' || p) || md5('bench-token-2:' || p),
            jsonb_strip_nulls(jsonb_build_object(
              'workload', workload, 'support', support, 'stress', stress, 'sleep', sleep,
              'belonging', belonging, 'recommend', recommend, 'work-mode', work_mode,
              'comments', comment)),
            round(1000 * (2 * (workload - 1) / 4.0 + (support - 1) / 4.0
                          + 2 * (1 - (stress - 1) / 4.0) + sleep / 10.0
                          + (belonging - 1) / 4.0) / 7) / 10,
            ${departmentOf('member')},
            date_trunc('day', now() - interval '15 days', 'UTC')
       FROM answers`,
    [surveyId, responses, comments],
  );
  await db.query(
    `INSERT INTO survey_participations (survey_id, employee_id, created_at)
     SELECT $1, ${employeeIdSql(key, '(10 * p - 3)')}, date_trunc('day', now() - interval '15 days', 'UTC')
       FROM generate_series(1, $2::int) AS p`,
    [surveyId, responses],
  );
  return surveyId;
}
