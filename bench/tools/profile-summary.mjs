// Summarises V8 CPU profiles (`node --cpu-prof`): where the process spent its busy time, by
// package and by function (self time). Usage: node bench/tools/profile-summary.mjs <dir or .cpuprofile>
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** Which part of the process a frame belongs to: a package, the app, Node itself or V8. */
function ownerOf(url) {
  if (!url) return '(V8 / native)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node (core)';
  if (url.includes('/.build/dist/')) return 'app (bench build)';
  return url;
}

/** Layers of the request path, for a first look at where a request's time goes. */
const LAYERS = [
  [/^@prisma\/|^wasm:|^prisma$/, 'Prisma (client, query compiler, adapter)'],
  [/^pg$|^pg-/, 'pg driver'],
  [/^@nestjs\/|^reflect-metadata$|^rxjs$|^@fastify\/middie$|^path-to-regexp$/, 'NestJS'],
  [/^class-validator$|^class-transformer$|^validator$/, 'class-validator / class-transformer'],
  [/^passport|^jsonwebtoken$|^jws$|^jwa$|^@nestjs\/passport$/, 'Passport / jsonwebtoken'],
  [/^pino|^@pinojs\/|^sonic-boom$|^fast-redact$/, 'logging (pino)'],
  [
    /^fastify$|^find-my-way$|^light-my-request$|^@fastify\/|^helmet$|^avvio$|^fast-json-stringify$/,
    'Fastify',
  ],
  [/^app /, 'the app'],
  [/^node \(core\)$/, 'Node core (streams, sockets, crypto)'],
  [/^\(V8/, 'V8 / native (GC, socket writes, JSON)'],
];
const layerOf = (owner) => LAYERS.find(([pattern]) => pattern.test(owner))?.[1] ?? 'other packages';

/**
 * Each frame's layer, where Node core and V8 frames count for the nearest caller that is a
 * package or the app: a socket write made for pino is logging, one made for pg is the driver.
 */
function attributedLayers(profile) {
  const parentOf = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node);
  const layers = new Map();
  const isNative = (owner) => owner === 'node (core)' || owner === '(V8 / native)';
  for (const node of profile.nodes) {
    let frame = node;
    while (frame && isNative(ownerOf(frame.callFrame.url))) frame = parentOf.get(frame.id);
    layers.set(node.id, layerOf(ownerOf((frame ?? node).callFrame.url)));
  }
  return layers;
}

function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  // Sample i lasted timeDeltas[i + 1]; a sample's frame is the node it names.
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index + 1] ?? 0;
    totals.set(id, (totals.get(id) ?? 0) + micros);
  });
  return [...totals].map(([id, micros]) => ({ node: byId.get(id), micros }));
}

export async function summariseProfiles(path, top = 25) {
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path))
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(path, name))
    : [path];
  const lines = [];
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8'));
    // Shares of the time the process was busy: waiting for the database or the network is idle.
    const samples = selfTimes(profile).filter(
      (sample) => sample.node.callFrame.functionName !== '(idle)',
    );
    const total = samples.reduce((sum, sample) => sum + sample.micros, 0);
    const group = (key) => {
      const sums = new Map();
      for (const sample of samples) {
        const name = key(sample.node.callFrame);
        sums.set(name, (sums.get(name) ?? 0) + sample.micros);
      }
      return [...sums].sort((a, b) => b[1] - a[1]).slice(0, top);
    };
    const percent = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
    lines.push(`\n${file}: ${(total / 1e6).toFixed(1)} s busy`);
    const layers = attributedLayers(profile);
    const byLayer = new Map();
    for (const sample of samples) {
      const layer = layers.get(sample.node.id);
      byLayer.set(layer, (byLayer.get(layer) ?? 0) + sample.micros);
    }
    lines.push('  by layer (Node core and V8 time counted for their caller):');
    for (const [name, micros] of [...byLayer].sort((a, b) => b[1] - a[1]))
      lines.push(`    ${percent(micros)}  ${name}`);
    lines.push('  by package (self time):');
    for (const [name, micros] of group((frame) => ownerOf(frame.url)))
      lines.push(`    ${percent(micros)}  ${name}`);
    lines.push('  by function (self time):');
    for (const [name, micros] of group(
      (frame) =>
        `${frame.functionName || '(anonymous)'}  ${ownerOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`,
    ))
      lines.push(`    ${percent(micros)}  ${name}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await summariseProfiles(process.argv[2]));
}
