// The load generator, in its own process so that it never shares an event loop with a server
// it measures: autocannon's programmatic API, one scenario per message from the parent (IPC).
// Answers the figures the report needs: requests per second, latency percentiles, errors, and
// the CPU time the server process spent per measured request (when given its pid).
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import autocannon from 'autocannon';

/** CPU time (user + system) a process has used so far, in ms; /proc counts in 1/100 s. */
async function cpuMillis(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

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
    const run = (duration) =>
      autocannon({
        url: scenario.url,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections: scenario.connections,
        duration,
        timeout: 30,
      });
    // The warm-up on its own, so that the server's CPU time is read around the measured
    // requests only: CPU per request is steadier from run to run than requests per second.
    await run(scenario.warmupSeconds);
    const cpuBefore = scenario.serverPid ? await cpuMillis(scenario.serverPid) : null;
    const result = summarise(await run(scenario.durationSeconds));
    const cpuAfter = scenario.serverPid ? await cpuMillis(scenario.serverPid) : null;
    const serverCpuMsPerRequest =
      cpuBefore === null || cpuAfter === null || result.requests === 0
        ? null
        : (cpuAfter - cpuBefore) / result.requests;
    process.send({ ok: true, result: { ...result, serverCpuMsPerRequest } });
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});
