import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

/** Every TypeScript file under `dir`, generated code aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('OpenAPI schema names', () => {
  it('are unique across the codebase: the document keeps one schema per class name', () => {
    const where = new Map<string, string[]>();
    const root = join(PROJECT_ROOT, 'src');
    for (const file of sources(root)) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/export class (\w+)/g)) {
        where.set(name, [...(where.get(name) ?? []), relative(root, file)]);
      }
    }
    const clashes = [...where].filter(([, files]) => files.length > 1);
    expect(clashes).toEqual([]);
  });
});
