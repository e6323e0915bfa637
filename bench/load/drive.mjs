// The load generator, in its own process so that it never shares an event loop with a server
// it measures: autocannon's programmatic API, one scenario per message from the parent (IPC).
// Answers the figures the report needs: requests per second, latency percentiles, errors.
import process from 'node:process';
import autocannon from 'autocannon';

function summarise(result) {
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
    ),
    durationSeconds: result.duration,
  };
}

process.on('message', async (scenario) => {
  try {
    const result = await autocannon({
      url: scenario.url,
      method: scenario.method,
      headers: scenario.headers,
      body: scenario.body,
      connections: scenario.connections,
      duration: scenario.durationSeconds,
      warmup: { connections: scenario.connections, duration: scenario.warmupSeconds },
      timeout: 30,
    });
    process.send({ ok: true, result: summarise(result) });
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});
