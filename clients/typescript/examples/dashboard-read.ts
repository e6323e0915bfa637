import { createMindfulMeClient } from '../src/index.ts';

/**
 * The organisation's wellness as a dashboard shows it: aggregates only, departments under the
 * organisation's minimum group size suppressed.
 */
export async function readDashboard(options: {
  baseUrl: string;
  accessToken: string;
  orgId: string;
}) {
  const api = createMindfulMeClient(options);
  const { data, error, response } = await api.GET('/v1/orgs/{orgId}/dashboard', {
    params: { path: { orgId: options.orgId } },
  });
  if (error) throw new Error(`${response.status} ${error.title}: ${error.detail ?? ''}`);
  return {
    score: data.wellnessScore,
    computedAt: data.computedAt,
    departments: data.departments.map((department) => department.department),
  };
}
