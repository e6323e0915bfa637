import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isEmptyMigration,
  MIGRATIONS_DIR,
  migrationFolderName,
  scriptStatements,
} from './migrations.js';

describe('migration helpers', () => {
  it('names folders as Prisma does: UTC timestamp then a slug', () => {
    expect(migrationFolderName('Add journal keys!', new Date('2026-11-25T20:01:02Z'))).toBe(
      '20261125200102_add_journal_keys',
    );
    expect(() => migrationFolderName('!!!')).toThrow(/name/);
  });

  it('tells an empty diff from a real one', () => {
    expect(isEmptyMigration('-- This is an empty migration.\n')).toBe(true);
    expect(isEmptyMigration('-- AddColumn\nALTER TABLE "x" ADD COLUMN "y" INT;\n')).toBe(false);
  });

  it('splits a script into statements without comments', () => {
    expect(
      scriptStatements('-- CreateIndex\nCREATE INDEX "a" ON "t"("c");\n\n-- X\nDROP TABLE "u";\n'),
    ).toEqual(['CREATE INDEX "a" ON "t"("c")', 'DROP TABLE "u"']);
  });

  // The WebAssembly engine splits a script on semicolons without reading comments, so a ';' or
  // a quote inside a comment breaks the statement after it.
  it('keeps semicolons and quotes out of comments in every migration', () => {
    for (const folder of readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    )) {
      const sql = readFileSync(join(MIGRATIONS_DIR, folder.name, 'migration.sql'), 'utf8');
      const offending = sql.split('\n').filter((line) => /--.*[;']/.test(line));
      expect({ folder: folder.name, offending }).toEqual({ folder: folder.name, offending: [] });
    }
  });
});
