import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder, the same from `src/` (tests) and from `dist/` (built code),
 * for files that live beside the code: prisma/, openapi/, package.json.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
