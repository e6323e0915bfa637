// Turns a run's measurements into bench/results/latest.json and the tables of bench/README.md.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { BENCH_DIR, RESULTS_DIR, TARGETS } from './config.mjs';
import { OWNERS_PER_BATCH } from './jobs.mjs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const number = (value, digits = 0) =>
  value === null || value === undefined
    ? '—'
    : Number(value).toLocaleString('en', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
const ms = (value) => (value === null || value === undefined ? '—' : `${number(value)} ms`);
/** The middle value; with an even count, the mean of the two middle ones (never the lower). */
const median = (values) => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** How far a value is from its limit, as a factor past 2× and as a percentage below. */
function distance(value, limit) {
  const factor = value / limit;
  if (factor >= 2 || factor <= 0.5) return `${number(factor, 1)}×`;
  const percent = Math.round((factor - 1) * 100);
  return `${percent > 0 ? '+' : ''}${percent}%`;
}

function judge(target, value, { lowerBound = false, extrapolated = false } = {}) {
  if (value === null || value === undefined) return { pass: false, text: 'not measured' };
  const atLeast = target.kind === 'ratio';
  const pass = atLeast ? value >= target.limit : !lowerBound && value <= target.limit;
  const shown = {
    ratio: `${number(value, 2)} of baseline`,
    p99ratio: `p99 ${number(value, 2)}× baseline`,
    p99: `p99 ${ms(value)}`,
    ms: `${lowerBound ? '≥ ' : extrapolated ? '≈ ' : ''}${ms(value)}`,
    mb: `${number(value)} MB`,
  }[target.kind];
  const limit = {
    ratio: `≥ ${number(target.limit, 2)}`,
    p99ratio: `≤ ${number(target.limit, 1)}×`,
    p99: `≤ ${ms(target.limit)}`,
    ms: `≤ ${ms(target.limit)}`,
    mb: `< ${number(target.limit)} MB`,
  }[target.kind];
  return {
    pass,
    limit,
    text: pass
      ? `pass: ${shown} (limit ${limit})`
      : `miss: ${shown}, limit ${limit} (${distance(value, target.limit)})`,
  };
}

/** Every target (issues 8 and 17) with the value this run measured and pass or miss. */
export function evaluateTargets(results) {
  const http = Object.fromEntries(results.http.map((scenario) => [scenario.id, scenario]));
  const recompute = Object.fromEntries(results.jobs.recompute.map((step) => [step.share, step]));
  const buddies = Object.fromEntries(results.jobs.buddies.map((step) => [step.share, step]));
  const values = {
    'mood.create': (target) =>
      target.kind === 'ratio'
        ? http['mood.create']?.ratio.throughput
        : http['mood.create']?.ratio.p99,
    'mood.stats': (target) =>
      target.kind === 'ratio'
        ? http['mood.stats']?.ratio.throughput
        : http['mood.stats']?.ratio.p99,
    'journals.list': () => http['journals.list']?.ratio.throughput,
    'org.dashboard': () => http['org.dashboard']?.service.latencyMs.p99,
    'survey.results': () => http['survey.results']?.service.latencyMs.p99,
    'job.recompute.100%': () => recompute['100%']?.firstMillis,
    'job.recompute-repeat.100%': () => recompute['100%']?.repeatMillis,
    'job.buddies-all.100%': () => buddies['100%']?.millis ?? buddies['100%']?.lowerBoundMillis,
    // The slowest of the three people, so the first (cold) call counts in the verdict.
    'job.buddies-one': () => results.jobs.buddyIncremental?.slowestMillis,
    'api.rss': () => results.memory.api?.rssMb,
  };
  const labels = {
    'mood.create': 'POST /v1/mood',
    'mood.stats': 'GET /v1/mood/stats',
    'journals.list': 'GET /v1/journals',
    'org.dashboard': 'GET /v1/orgs/{id}/dashboard',
    'survey.results': 'Survey results, 10,000 responses',
    'job.recompute.100%': 'Org recompute, 100,000 employees (first run)',
    'job.recompute-repeat.100%': 'Org recompute, 100,000 employees (repeat)',
    'job.buddies-all.100%': 'Buddy full pass, 10,000 people',
    'job.buddies-one': "Buddy update, one person's (slowest of three, the first cold)",
    'api.rss': 'API RSS after the run',
  };
  return Object.entries(TARGETS).flatMap(([id, targets]) =>
    targets.map((target) => {
      const value = values[id](target);
      const buddyAll = id === 'job.buddies-all.100%' ? buddies['100%'] : undefined;
      const verdict = judge(target, value, {
        lowerBound: buddyAll ? buddyAll.millis === null : false,
        extrapolated: buddyAll ? !buddyAll.measured : false,
      });
      return {
        id,
        label: labels[id],
        kind: target.kind,
        limitValue: target.limit,
        value,
        ...verdict,
      };
    }),
  );
}

function httpTable(results) {
  const rows = results.http.map((scenario) => {
    const { service, baseline, ratio } = scenario;
    const errors = (summary) => summary.errors + summary.non2xx + summary.timeouts;
    const cpu = (summary) =>
      summary.serverCpuMsPerRequest == null ? 'n/a' : number(summary.serverCpuMsPerRequest, 2);
    return `| ${scenario.title} | ${number(service.requestsPerSecond)} (${number(baseline.requestsPerSecond)}) | ${number(service.latencyMs.p50)} (${number(baseline.latencyMs.p50)}) | ${number(service.latencyMs.p99)} (${number(baseline.latencyMs.p99)}) | ${errors(service)} (${errors(baseline)}) | ${number(ratio.throughput, 2)} | ${number(ratio.p99, 2)} | ${cpu(service)} (${cpu(baseline)}) | ${scenario.connections} |`;
  });
  const { api, baseline, atStart } = results.memory;
  return [
    '| Scenario | req/s | p50 ms | p99 ms | errors | ratio to baseline (req/s) | p99 ÷ baseline p99 | server CPU ms per request | connections |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    "Figures are the service's, the baseline's in parentheses. Server CPU per request is the process's user and system time over the measured requests (PostgreSQL's not included). `auth.login` is argon2id-bound: " +
      `${number(results.http.find((scenario) => scenario.id === 'auth.login')?.loginsPerSecondPerCore, 1)} logins/s per core ` +
      `(service req/s ÷ ${results.machine.cpus} cores).`,
    '',
    '| Process | RSS before any request | RSS after the run | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    `| API (NestJS) | ${number(atStart?.api.rssMb)} MB | ${number(api?.rssMb)} MB | ${number(api?.peakRssMb)} MB |`,
    `| Baseline (Fastify + pg) | ${number(atStart?.baseline.rssMb)} MB | ${number(baseline?.rssMb)} MB | ${number(baseline?.peakRssMb)} MB |`,
  ];
}

/** `npm run start:prod` beside the single process: what one machine serves as deployed. */
function clusterTable(results) {
  const { cluster } = results;
  if (!cluster) return ['Not measured (`--skip-cluster`).'];
  const single = Object.fromEntries(results.http.map((scenario) => [scenario.id, scenario]));
  const errors = (summary) => summary.errors + summary.non2xx + summary.timeouts;
  return [
    '| Scenario | req/s | p50 ms | p99 ms | errors | × one API process (req/s) | connections |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...cluster.http.map(({ id, title, cluster: served, connections }) => {
      const one = single[id]?.service.requestsPerSecond;
      return `| ${title} | ${number(served.requestsPerSecond)} | ${number(served.latencyMs.p50)} | ${number(served.latencyMs.p99)} | ${errors(served)} | ${one ? number(served.requestsPerSecond / one, 2) : '—'} | ${connections} |`;
    }),
    '',
    `Memory of the primary and its ${cluster.processes} API processes, added up: ` +
      `${number(cluster.memory.atStart.rssMb)} MB before any request ` +
      `(${cluster.memory.atStart.perProcessRssMb.join(' + ')}), ` +
      `${number(cluster.memory.after.rssMb)} MB after the run (${cluster.memory.after.perProcessRssMb.join(' + ')}).`,
  ];
}

function jobTables(results) {
  const { recompute, buddies, buddyIncremental } = results.jobs;
  const buddyTime = (step) =>
    step.measured
      ? ms(step.millis)
      : step.millis !== null
        ? `≈ ${ms(step.millis)} (extrapolated: stopped after ${ms(step.elapsedMillis)} with ${number(step.listsDone)} of ${number(step.optedIn)} lists written, ${ms(step.perBatchMillis)} per batch of ${OWNERS_PER_BATCH})`
        : `≥ ${ms(step.lowerBoundMillis)} (no batch of ${OWNERS_PER_BATCH} done in ${ms(step.elapsedMillis)})`;
  return [
    '| Org recompute (`orgs.recompute-wellness`) | employees | mood entries (30 days) | first run | repeat (median) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...recompute.map(
      (step) =>
        `| ${step.share} | ${number(step.members)} | ${number(step.entries)} | ${ms(step.firstMillis)} | ${ms(step.repeatMillis)} |`,
    ),
    '',
    '| Buddy full pass (`buddies.recompute-all`) | opted-in people | time |',
    '| --- | ---: | --- |',
    ...buddies.map((step) => `| ${step.share} | ${number(step.optedIn)} | ${buddyTime(step)} |`),
    '',
    buddyIncremental
      ? `One person's update (\`buddies.recompute-candidates\`) at ${number(buddyIncremental.optedIn)} opted-in people: ` +
        `${buddyIncremental.millis.map(ms).join(', ')} (the first cold; median ${ms(buddyIncremental.medianMillis)}, slowest ${ms(buddyIncremental.slowestMillis)}).`
      : "One person's update: not measured.",
  ];
}

/** The generated part of bench/README.md. */
function loadDuringText(during) {
  if (!during || during.samples === 0) return 'not sampled';
  return `${number(during.min, 1)} min, ${number(during.median, 1)} median, ${number(during.max, 1)} max over ${during.samples} samples`;
}

/** The most CPU the host took for other guests during any one HTTP measurement. */
function stealText(http) {
  const shares = http
    .flatMap((scenario) => [scenario.service?.cpu, scenario.baseline?.cpu])
    .filter(Boolean)
    .map((cpu) => cpu.stealPercent);
  if (shares.length === 0) return '';
  return ` CPU taken by the host for other guests (steal) during the HTTP measurements: at most ${number(Math.max(...shares), 1)}%.`;
}

export function renderMarkdown(results) {
  const targets = results.targets.map(
    (target) =>
      `| ${target.label} | ${target.limit ?? ''} | ${target.pass ? '**pass**' : '**miss**'} | ${target.text} |`,
  );
  return [
    START,
    `Run \`${results.runId}\`, ${results.startedAt} (${number(results.durationSeconds / 60, 1)} min in all), ` +
      `${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, ${results.machine.postgres}. ` +
      `Load average ${results.machine.loadBefore.map((value) => number(value, 1)).join(' / ')} before the run, ` +
      `${results.machine.loadAfter.map((value) => number(value, 1)).join(' / ')} after; ` +
      `1-minute load during the run ${loadDuringText(results.machine.loadDuring)}` +
      (results.contended
        ? ': **measured under contention** (other work was running on the machine).'
        : '.'),
    `autocannon: ${results.load.connections} connections (unless stated), ${results.load.durationSeconds} s after a ${results.load.warmupSeconds} s warm-up, from a separate process; data scale ${results.scale}.` +
      stealText(results.http),
    '',
    '### Targets',
    '',
    '| Target | limit | result | measured |',
    '| --- | --- | --- | --- |',
    ...targets,
    '',
    '### HTTP, service against the bare baseline',
    '',
    ...httpTable(results),
    '',
    `### HTTP, \`npm run start:prod\` (${results.cluster ? `${results.cluster.processes} API processes` : 'not run'})`,
    '',
    ...clusterTable(results),
    '',
    '### Jobs, timed inside a worker-like process',
    '',
    ...jobTables(results),
    END,
  ].join('\n');
}

/** latest.json, and the README's tables unless `readme` is false (a partial run). */
export async function writeResults(results, { readme: updateReadme = true } = {}) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(`${RESULTS_DIR}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  if (!updateReadme) return;
  const readmePath = `${BENCH_DIR}/README.md`;
  const readme = await readFile(readmePath, 'utf8').catch(
    () => `# Benchmark\n\n${START}\n${END}\n`,
  );
  const generated = renderMarkdown(results);
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${readme.slice(0, start)}${generated}${readme.slice(end + END.length)}`
      : `${readme.trimEnd()}\n\n${generated}\n`;
  await writeFile(readmePath, next);
}

export { median };
