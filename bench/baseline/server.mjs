// The bare baseline: Fastify and `pg`, nothing else between a request and PostgreSQL. For each
// route the bench drives it does what the service does: verifies the same HS256 access token
// (jsonwebtoken with a KeyObject, as passport-jwt does), validates the same body or query (JSON schema, unknown fields
// refused), runs the same statements in the same order and the same transaction, encrypts or
// decrypts with the same cipher, and answers the same JSON. The app's pure functions (the
// cipher, the privacy rules of dashboards and survey results) and the hot routes' pool
// statements (the session check, the mood statistics, a page of journals) are imported from the
// bench's build, so both sides compute exactly the same figures with the same SQL; no Nest,
// Prisma or class-validator.
//
// Environment: the API's own (DATABASE_URL, JWT_SECRET, ENCRYPTION_KEYS,
// ACCESS_TOKEN_TTL_SECONDS), plus BENCH_APP_DIST (the build) and BENCH_PORT (0 by default).
import process from 'node:process';
import Fastify from 'fastify';
import { env, pool } from './context.mjs';
import { registerJournalRoutes } from './journals.mjs';
import { registerLoginRoute } from './login.mjs';
import { registerMoodRoutes } from './mood.mjs';
import { registerOrgAggregateRoutes } from './org-aggregates.mjs';

const app = Fastify({
  logger: false,
  bodyLimit: 1024 * 1024,
  // Unknown fields are refused, as the service's validation pipe refuses them.
  ajv: { customOptions: { removeAdditional: false } },
});

app.setErrorHandler((error, _request, reply) => {
  const status = error.status ?? (error.validation ? 400 : (error.statusCode ?? 500));
  void reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', status, detail: error.message });
});

registerMoodRoutes(app);
registerJournalRoutes(app);
registerOrgAggregateRoutes(app);
registerLoginRoute(app);

const address = await app.listen({ host: '127.0.0.1', port: Number(env.BENCH_PORT ?? 0) });
console.log(`Baseline listening on ${address}`);

async function shutdown() {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
