import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { applyRoutePrefix } from '../http-app.js';
import { buildOpenApiDocument } from './openapi.js';
import { API_TAGS } from './tags.js';

interface Operation {
  operationId: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
}

const HR_INTEGRATION = 'HR integration';

/**
 * The document's tags against API_TAGS, on the document built as `npm run openapi` builds it
 * (preview mode: no provider runs, no database). Tags come from @ApiTags at run time, so they
 * are all here; summaries and descriptions are not, since the Swagger CLI plugin that turns
 * comments into them runs only in `nest build`.
 */
describe('OpenAPI tags', () => {
  let app: INestApplication;
  let operations: Operation[];

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    app = await NestFactory.create(
      AppModule.forRoot(config, 'postgresql://unused'),
      new FastifyAdapter(),
      { preview: true, logger: false },
    );
    applyRoutePrefix(app);
    const document = buildOpenApiDocument(app, config.PUBLIC_BASE_URL, config.NODE_ENV);
    operations = Object.values(document.paths).flatMap(
      (item) => Object.values(item) as Operation[],
    );
  });

  afterAll(() => app.close());

  const used = () => new Set(operations.flatMap((operation) => operation.tags ?? []));

  it('names each tag once, with a description', () => {
    const names = API_TAGS.map((tag) => tag.name);
    expect(new Set(names).size).toBe(names.length);
    expect(API_TAGS.filter((tag) => tag.description.trim() === '')).toEqual([]);
  });

  it('gives every operation a tag', () => {
    expect(operations.length).toBeGreaterThan(0);
    const untagged = operations.filter((operation) => !operation.tags?.length);
    expect(untagged.map((operation) => operation.operationId)).toEqual([]);
  });

  it('declares every tag an operation uses', () => {
    const declared = new Set(API_TAGS.map((tag) => tag.name));
    expect([...used()].filter((tag) => !declared.has(tag))).toEqual([]);
  });

  it('uses every declared tag', () => {
    const inUse = used();
    expect(API_TAGS.map((tag) => tag.name).filter((tag) => !inUse.has(tag))).toEqual([]);
  });

  it(`lists every operation an HR client token may call under "${HR_INTEGRATION}"`, () => {
    const forClients = operations.filter((operation) =>
      operation.security?.some((requirement) => 'hr-client-credentials' in requirement),
    );
    expect(forClients.length).toBeGreaterThan(0);
    const missing = forClients.filter((operation) => !operation.tags?.includes(HR_INTEGRATION));
    expect(missing.map((operation) => operation.operationId)).toEqual([]);
  });
});
