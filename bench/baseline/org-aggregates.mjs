// GET /v1/orgs/:orgId/dashboard and GET /v1/surveys/:id/results: the same aggregates, then the
// app's own privacy rules (imported from the build) over them.
import { randomInt } from 'node:crypto';
import {
  assertCanLead,
  authenticate,
  cipher,
  load,
  notFound,
  pool,
  uuidParams,
} from './context.mjs';

const { breakDownByDepartment } = await load('org-wellness/department-breakdown.js');
const { ORG_DASHBOARD, TREND_WEEKS } = await load('org-wellness/dashboard.sql.js');
const { participationOf } = await load('org-wellness/group-privacy.js');
const { minGroupSizeOf, readOrgSettings } = await load('orgs/org-settings.js');
const { buildSurveyFigures, listedFreeText } = await load('surveys/survey-results.js');

export function registerOrgAggregateRoutes(app) {
  app.get(
    '/v1/orgs/:orgId/dashboard',
    { schema: { params: uuidParams('orgId') } },
    async (request) => {
      const principal = await authenticate(request);
      const { orgId } = request.params;
      await assertCanLead(principal, orgId);
      // The service's statement, loaded from the build. As on the service, the breakdown is the
      // one published with the newest snapshot, never computed on demand: a snapshot from before
      // tallies were kept shows none.
      const [figures] = await ORG_DASHBOARD.rows(pool, [orgId, TREND_WEEKS - 1]);
      if (!figures) throw notFound('No such organisation.');
      // Never below the threshold the breakdown was published under.
      const minGroupSize = Math.max(
        minGroupSizeOf(figures.settings),
        figures.publishedMinGroupSize ?? 0,
      );
      const tallies = Array.isArray(figures.departmentTallies) ? figures.departmentTallies : [];
      const members = tallies.reduce((total, tally) => total + tally.members, 0);
      const active = tallies.reduce((total, tally) => total + tally.active, 0);
      const breakdown = breakDownByDepartment(tallies, minGroupSize);
      return {
        orgId,
        wellnessScore: figures.wellnessScore,
        computedAt: figures.computedAt,
        minGroupSize,
        trend: figures.trend,
        participation: participationOf(members, active, minGroupSize),
        departments: breakdown.departments,
        suppressedDepartments: breakdown.suppressed,
      };
    },
  );

  /** Closed surveys' answer tallies, as many as the service remembers (REMEMBERED_SURVEYS). */
  const closedTallies = new Map();
  async function rememberClosed(key, compute) {
    if (!closedTallies.has(key)) {
      if (closedTallies.size >= 200) closedTallies.delete(closedTallies.keys().next().value);
      closedTallies.set(key, await compute());
    }
    return closedTallies.get(key);
  }

  async function answerTalliesOf(surveyId) {
    const [departments, questionTallies] = await Promise.all([
      pool.query(
        `SELECT department,
              count(*)::int AS "responseCount",
              count(wellness_score)::int AS "scoredCount",
              coalesce(sum(wellness_score), 0)::float8 AS "wellnessSum"
         FROM survey_responses
        WHERE survey_id = $1::uuid
        GROUP BY department
        ORDER BY department NULLS LAST`,
        [surveyId],
      ),
      pool.query(
        `SELECT question_id AS "questionId",
              sum(n)::int AS count,
              (sum(n * numeric_value) / nullif(sum(n) FILTER (WHERE numeric_value IS NOT NULL), 0))::float8 AS mean,
              jsonb_object_agg(value, n) FILTER (WHERE value IS NOT NULL) AS distribution
         FROM (SELECT answer.key AS question_id,
                      CASE WHEN jsonb_typeof(answer.value) IN ('number', 'string')
                           THEN answer.value #>> '{}' END AS value,
                      CASE WHEN jsonb_typeof(answer.value) = 'number'
                           THEN (answer.value)::numeric END AS numeric_value,
                      count(*) AS n
                 FROM survey_responses r
                CROSS JOIN LATERAL jsonb_each(r.responses) AS answer
                WHERE r.survey_id = $1::uuid
                GROUP BY 1, 2, 3) AS cells
        GROUP BY question_id`,
        [surveyId],
      ),
    ]);
    return { departments: departments.rows, questionTallies: questionTallies.rows };
  }

  /** An open survey's participation, counted over its frozen audience. */
  function participationOfSurvey(surveyId) {
    return pool.query(
      `SELECT a.department, count(*)::int AS eligible, count(p.employee_id)::int AS responded
         FROM survey_audiences a
         LEFT JOIN survey_participations p
           ON p.survey_id = a.survey_id AND p.employee_id = a.employee_id
        WHERE a.survey_id = $1::uuid
        GROUP BY a.department
        ORDER BY a.department NULLS LAST`,
      [surveyId],
    );
  }

  function shuffled(items) {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [result[i], result[j]] = [result[j], result[i]];
    }
    return result;
  }

  app.get('/v1/surveys/:id/results', { schema: { params: uuidParams('id') } }, async (request) => {
    const principal = await authenticate(request);
    const surveyId = request.params.id;
    const {
      rows: [survey],
    } = await pool.query(
      `SELECT id, org_id, title, questions, status, opened_at, closed_at, created_at, updated_at,
              min_group_size, comments_min_group_size, participation_tallies
       FROM wellbeing_surveys WHERE id = $1 LIMIT 1`,
      [surveyId],
    );
    if (!survey) throw notFound('No such survey.');
    try {
      await assertCanLead(principal, survey.org_id);
    } catch (error) {
      if (error.status === 404) throw notFound('No such survey.');
      throw error;
    }
    const questions = survey.questions;
    // As the service: a closed survey's answer tallies are final, so computed once per process;
    // its thresholds and participation were stored when it opened and closed.
    const answerTallies = () => answerTalliesOf(surveyId);
    // The thresholds frozen when it opened; a draft's are the organisation's current ones.
    const frozen = survey.min_group_size !== null && survey.comments_min_group_size !== null;
    const [settings, { departments, questionTallies }, participation] = await Promise.all([
      frozen
        ? { rows: [] }
        : pool.query('SELECT settings FROM organizations WHERE id = $1 LIMIT 1', [survey.org_id]),
      survey.status === 'closed' && survey.closed_at
        ? rememberClosed(`${surveyId}:${survey.closed_at.toISOString()}`, answerTallies)
        : answerTallies(),
      survey.participation_tallies
        ? { rows: survey.participation_tallies }
        : participationOfSurvey(surveyId),
    ]);
    const thresholds = frozen
      ? {
          minGroupSize: survey.min_group_size,
          commentsMinGroupSize: survey.comments_min_group_size,
        }
      : (({ minGroupSize, commentsMinGroupSize }) => ({ minGroupSize, commentsMinGroupSize }))(
          readOrgSettings(settings.rows[0]?.settings),
        );
    const { minGroupSize } = thresholds;
    const figures = buildSurveyFigures({
      status: survey.status,
      minGroupSize,
      questions,
      departments,
      questionTallies,
      participation: participation.rows,
    });
    const result = { surveyId, status: survey.status, minGroupSize, thresholds, ...figures };
    if (figures.suppressed) return result;
    // Only questions answered by enough people to show their comments, as the service lists them.
    const freeTextIds = listedFreeText(questions, questionTallies, thresholds.commentsMinGroupSize);
    let freeText = [];
    if (freeTextIds.length > 0) {
      const { rows } = await pool.query(
        `SELECT q AS "questionId", r.responses -> q AS answer
        FROM survey_responses r
       CROSS JOIN unnest($2::text[]) AS q
       WHERE r.survey_id = $1::uuid
         AND jsonb_typeof(r.responses -> q) = 'object'`,
        [surveyId, freeTextIds],
      );
      freeText = freeTextIds.map((questionId) => ({
        questionId,
        answers: shuffled(
          rows
            .filter((row) => row.questionId === questionId)
            .map((row) =>
              cipher.decrypt(row.answer, `survey_responses.responses:${surveyId}:${questionId}`),
            ),
        ),
      }));
    }
    return { ...result, freeText };
  });
}
