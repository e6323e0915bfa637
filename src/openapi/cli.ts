import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { applyRoutePrefix } from '../http-app.js';
import { buildOpenApiDocument } from './openapi.js';
import { PROJECT_ROOT } from '../project-root.js';

const OUTPUT = resolve(PROJECT_ROOT, 'openapi', 'openapi.json');

/**
 * `npm run openapi` writes openapi/openapi.json from the code; `--check` instead exits 1 when
 * the committed file differs. Built in preview mode: no provider runs, no database is needed.
 */
async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgresql://unused'),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  applyRoutePrefix(app);
  const text = `${JSON.stringify(buildOpenApiDocument(app, config.PUBLIC_BASE_URL, config.NODE_ENV), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error('openapi/openapi.json differs from the code: run `npm run openapi`.');
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(OUTPUT, text);
  console.log(`Wrote ${OUTPUT}`);
}

void main();
