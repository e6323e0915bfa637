// The HTTP scenarios' run: tokens, a check of each server's answer, then autocannon on both.
/* global fetch */
import { cpus } from 'node:os';
import { fileURLToPath, URL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { LOAD, PASSWORD } from './config.mjs';
import { cpuWindow } from './machine-cpu.mjs';
import { forkScript, residentMemory, stop, treeMemory } from './processes.mjs';
import { httpScenarios } from './scenarios.mjs';

async function signIn(url, email) {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`signing in ${email} answered ${response.status}: ${await response.text()}`);
  return (await response.json()).accessToken;
}

/**
 * The service and the baseline must answer a read with the same JSON (field order aside), or the
 * ratio would compare different work.
 */
function assertSameAnswer(scenario, serviceBody, baselineBody) {
  if (scenario.method !== 'GET') return;
  const comparable = scenario.comparable ?? ((answer) => answer);
  const difference = firstDifference(
    comparable(JSON.parse(serviceBody)),
    comparable(JSON.parse(baselineBody)),
    '',
  );
  if (difference)
    throw new Error(
      `the baseline answers ${scenario.id} differently from the service: ${difference}`,
    );
}

/** Where two JSON values first differ, as a path with both values; null when they are equal. */
function firstDifference(service, baseline, path) {
  if (isDeepStrictEqual(service, baseline)) return null;
  const bothObjects = [service, baseline].every((v) => typeof v === 'object' && v !== null);
  if (bothObjects && Array.isArray(service) === Array.isArray(baseline)) {
    for (const key of new Set([...Object.keys(service), ...Object.keys(baseline)])) {
      const found = firstDifference(service[key], baseline[key], `${path}/${key}`);
      if (found) return found;
    }
  }
  const shown = (value) => JSON.stringify(value)?.slice(0, 200);
  return `at ${path || '/'} the service has ${shown(service)}, the baseline ${shown(baseline)}`;
}

/** One request as the scenario sends it; refuses to measure a server that answers wrongly. */
async function checkScenario(server, scenario) {
  const response = await fetch(`${server.url}${scenario.path}`, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
  });
  const body = await response.text();
  if (response.status !== scenario.expect)
    throw new Error(
      `${server.name} answered ${scenario.id} with ${response.status}, not ${scenario.expect}: ${body.slice(0, 500)}`,
    );
  return body;
}

/**
 * One autocannon run, with how the machine's CPUs were spent meanwhile (`cpu`) and, given the
 * server's pid, the CPU time that process spent per request (`serverCpuMsPerRequest`).
 */
async function drive(driver, scenario, server, measuredPid) {
  const window = await cpuWindow();
  const result = await autocannon(driver, scenario, server, measuredPid);
  return { ...result, cpu: await window.end() };
}

function autocannon(driver, scenario, server, measuredPid) {
  return new Promise((resolve, reject) => {
    driver.once('message', (message) =>
      message.ok ? resolve(message.result) : reject(new Error(message.error)),
    );
    driver.send({
      url: `${server.url}${scenario.path}`,
      method: scenario.method,
      headers: scenario.headers,
      body: scenario.body,
      connections: scenario.connections,
      durationSeconds: LOAD.durationSeconds,
      warmupSeconds: LOAD.warmupSeconds,
      serverPid: measuredPid,
    });
  });
}

/** The scenarios to run, each with its connections and its person's access token. */
async function preparedScenarios(server, fixtures, only) {
  const scenarios = httpScenarios(fixtures, PASSWORD).filter(
    (scenario) => !only || only.includes(scenario.id),
  );
  // Tokens from the service's own login; the baseline verifies them with the same secret.
  const tokens = {};
  for (const name of new Set(scenarios.map((scenario) => scenario.as).filter(Boolean)))
    tokens[name] = await signIn(server.url, `bench-${name}@bench.invalid`);
  return scenarios.map((base) => ({
    ...base,
    connections: base.connections ?? LOAD.connections,
    headers: {
      ...base.headers,
      ...(base.as ? { authorization: `Bearer ${tokens[base.as]}` } : {}),
    },
  }));
}

const errorsOf = (summary) => summary.errors + summary.non2xx + summary.timeouts;
const cpuOf = (summary) =>
  summary.serverCpuMsPerRequest === null ? 'n/a' : `${summary.serverCpuMsPerRequest.toFixed(2)} ms`;
const stealOf = (summary) => (summary.cpu ? `${summary.cpu.stealPercent}%` : 'n/a');

/**
 * Every HTTP scenario (or those `only` names) on the service, then on the baseline; answers the
 * figures of both and their ratio, with each process's memory after the scenario.
 */
export async function runHttpScenarios(api, baseline, fixtures, { only, log }) {
  const scenarios = await preparedScenarios(api, fixtures, only);
  const driver = forkScript(fileURLToPath(new URL('../load/drive.mjs', import.meta.url)));
  const measured = [];
  try {
    for (const scenario of scenarios) {
      assertSameAnswer(
        scenario,
        await checkScenario(api, scenario),
        await checkScenario(baseline, scenario),
      );
      const service = await drive(driver, scenario, api, api.pid);
      const bare = await drive(driver, scenario, baseline, baseline.pid);
      const ratio = {
        throughput: service.requestsPerSecond / bare.requestsPerSecond,
        p99: service.latencyMs.p99 / Math.max(bare.latencyMs.p99, 1),
        cpuPerRequest:
          service.serverCpuMsPerRequest && bare.serverCpuMsPerRequest
            ? service.serverCpuMsPerRequest / bare.serverCpuMsPerRequest
            : null,
      };
      const result = {
        id: scenario.id,
        title: scenario.title,
        connections: scenario.connections,
        service,
        baseline: bare,
        ratio,
        // Memory after this scenario: which routes leave the process larger.
        rssAfter: {
          api: await residentMemory(api.pid),
          baseline: await residentMemory(baseline.pid),
        },
        ...(scenario.id === 'auth.login'
          ? { loginsPerSecondPerCore: service.requestsPerSecond / cpus().length }
          : {}),
      };
      measured.push(result);
      log(
        `  ${scenario.id.padEnd(15)} service ${Math.round(service.requestsPerSecond)} req/s ` +
          `p50 ${service.latencyMs.p50} ms p99 ${service.latencyMs.p99} ms errors ${errorsOf(service)} | ` +
          `baseline ${Math.round(bare.requestsPerSecond)} req/s p50 ${bare.latencyMs.p50} ms ` +
          `p99 ${bare.latencyMs.p99} ms errors ${errorsOf(bare)} | ratio ${ratio.throughput.toFixed(2)}, ` +
          `p99 ×${ratio.p99.toFixed(2)} | CPU/request ${cpuOf(service)} / ${cpuOf(bare)} | ` +
          `steal ${stealOf(service)} / ${stealOf(bare)}`,
      );
    }
  } finally {
    await stop(driver);
  }
  return measured;
}

/**
 * The same scenarios on `npm run start:prod` (the cluster primary and its API processes): what
 * one machine serves as deployed. No baseline beside it: the ratios stay process against
 * process.
 */
export async function runClusterScenarios(cluster, fixtures, { only, log }) {
  const scenarios = await preparedScenarios(cluster, fixtures, only);
  const driver = forkScript(fileURLToPath(new URL('../load/drive.mjs', import.meta.url)));
  const measured = [];
  try {
    for (const scenario of scenarios) {
      await checkScenario(cluster, scenario);
      const served = await drive(driver, scenario, cluster);
      measured.push({
        id: scenario.id,
        title: scenario.title,
        connections: scenario.connections,
        cluster: served,
        rssAfter: await treeMemory(cluster.pid),
      });
      log(
        `  ${scenario.id.padEnd(15)} cluster ${Math.round(served.requestsPerSecond)} req/s ` +
          `p50 ${served.latencyMs.p50} ms p99 ${served.latencyMs.p99} ms errors ${errorsOf(served)}`,
      );
    }
  } finally {
    await stop(driver);
  }
  return measured;
}
