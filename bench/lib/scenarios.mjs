// The HTTP scenarios: each one request, sent by autocannon to the service and to the baseline.

/**
 * `as` names the seeded person whose access token the scenario sends; `expect` is the status a
 * correct answer has (checked once on each server before the load starts, where a read must
 * also answer the same JSON on both, after `comparable` when the answer has a random order).
 */
export function httpScenarios(fixtures, password) {
  const json = { 'content-type': 'application/json' };
  return [
    {
      id: 'mood.create',
      title: 'POST /v1/mood',
      method: 'POST',
      path: '/v1/mood',
      as: 'writer',
      headers: json,
      body: JSON.stringify({ moodScore: 7, notes: 'Slept well, long walk at lunch.' }),
      expect: 201,
    },
    {
      id: 'mood.stats',
      title: 'GET /v1/mood/stats?days=90 (a year of entries)',
      method: 'GET',
      path: '/v1/mood/stats?days=90',
      as: 'stats',
      expect: 200,
    },
    {
      id: 'journals.list',
      title: 'GET /v1/journals (page of 20)',
      method: 'GET',
      path: '/v1/journals',
      as: 'journals',
      expect: 200,
    },
    {
      id: 'org.dashboard',
      title: 'GET /v1/orgs/{id}/dashboard (10,000 employees)',
      method: 'GET',
      path: `/v1/orgs/${fixtures.orgs.dash}/dashboard`,
      as: 'admin-dash',
      expect: 200,
    },
    {
      id: 'auth.login',
      title: 'POST /v1/auth/login (argon2id)',
      method: 'POST',
      path: '/v1/auth/login',
      headers: json,
      body: JSON.stringify({ email: 'bench-login@bench.invalid', password }),
      expect: 200,
    },
    {
      // One request at a time: the figure is how long one reader waits for the results.
      id: 'survey.results',
      title: 'GET /v1/surveys/{id}/results (10,000 responses, 1 connection)',
      method: 'GET',
      path: `/v1/surveys/${fixtures.surveyId}/results`,
      as: 'admin-large',
      expect: 200,
      connections: 1,
      // Both shuffle each question's free-text answers; compared as sets.
      comparable: (answer) => ({
        ...answer,
        freeText: answer.freeText.map((question) => ({
          ...question,
          answers: [...question.answers].sort(),
        })),
      }),
    },
  ];
}
