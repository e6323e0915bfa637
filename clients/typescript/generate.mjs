// Writes src/schema.d.ts from the committed OpenAPI document (run by `npm run openapi`);
// `--check` exits 1 instead when the committed types differ from what the document gives.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const DOCUMENT = new URL('../../openapi/openapi.json', import.meta.url);
const OUTPUT = new URL('./src/schema.d.ts', import.meta.url);
const HEADER =
  '// Generated from openapi/openapi.json by clients/typescript/generate.mjs (npm run openapi).\n' +
  '// Do not edit: change the API, then regenerate.\n\n';

const text = HEADER + astToString(await openapiTS(DOCUMENT, { alphabetize: false }));
if (process.argv.includes('--check')) {
  const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error('clients/typescript/src/schema.d.ts differs from the document: run `npm run openapi`.');
    process.exitCode = 1;
  }
} else {
  await writeFile(OUTPUT, text);
  console.log(`Wrote ${OUTPUT.pathname.split('/').slice(-3).join('/')}`);
}
