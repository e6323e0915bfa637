import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../project-root.js';
import {
  APPOINTMENT_NOTES,
  columnName,
  contextOf,
  ENCRYPTED_COLUMNS,
  JOURNAL_CONTENT,
  MOOD_NOTES,
  RANT_CONTENT,
  SURVEY_FREE_TEXT,
  WEBHOOK_SECRET,
} from './encrypted-columns.js';

interface SchemaColumn {
  table: string;
  column: string;
  type: string;
  attributes: string;
  doc: string;
}

/** Every column of prisma/schema.prisma, by its SQL names, with its `///` comment. */
function schemaColumns(): SchemaColumn[] {
  const schema = readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
  const columns: SchemaColumn[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(body)?.[1] ?? model;
    let doc: string[] = [];
    for (const line of body.split('\n').map((text) => text.trim())) {
      if (line.startsWith('///')) {
        doc.push(line.slice(3));
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?\??\s*(.*)$/.exec(line);
      if (field && !line.startsWith('@@')) {
        const [, name, type, , attributes] = field;
        const column = /@map\("(\w+)"\)/.exec(attributes)?.[1] ?? name;
        columns.push({ table, column, type, attributes, doc: doc.join(' ') });
      }
      doc = [];
    }
  }
  return columns;
}

describe('the registry of encrypted columns', () => {
  const columns = schemaColumns();
  const find = (table: string, column: string) =>
    columns.find((candidate) => candidate.table === table && candidate.column === column);

  it('names every column the schema describes as ciphertext, and no other', () => {
    const ciphertext = columns
      .filter((column) => /ciphertext/i.test(column.doc))
      .map((column) => `${column.table}.${column.column}`);
    expect(ciphertext.length).toBeGreaterThan(0);
    expect(ENCRYPTED_COLUMNS.map(columnName).sort()).toEqual(ciphertext.sort());
  });

  it('names every key-id column of the schema with the column whose key it names', () => {
    const keyIdColumns = columns
      .filter((column) => column.column.endsWith('_key_id'))
      .map((column) => `${column.table}.${column.column}`);
    const registered = ENCRYPTED_COLUMNS.filter((entry) => entry.keyIdColumn !== null).map(
      (entry) => `${entry.table}.${entry.keyIdColumn}`,
    );
    expect(registered.sort()).toEqual(keyIdColumns.sort());
  });

  it.each(ENCRYPTED_COLUMNS.map((entry) => [columnName(entry), entry] as const))(
    '%s: its columns exist with the types the re-encryption relies on',
    (_name, entry) => {
      expect(find(entry.table, entry.column)?.type).toBe(
        entry.shape === 'text' ? 'String' : 'Json',
      );
      const primaryKey = find(entry.table, entry.primaryKey);
      expect(primaryKey?.attributes).toMatch(/@id\b/);
      expect(primaryKey?.attributes).toMatch(/@db\.Uuid/);
      for (const bound of entry.boundTo) expect(find(entry.table, bound)).toBeDefined();
    },
  );

  it('binds values exactly as they were sealed before the registry, so stored rows still open', () => {
    expect(contextOf(JOURNAL_CONTENT, { user_id: 'u1' })).toBe('journals.content:u1');
    expect(contextOf(MOOD_NOTES, { user_id: 'u1' })).toBe('mood_entries.notes:u1');
    expect(contextOf(APPOINTMENT_NOTES, { user_id: 'u1' })).toBe('appointments.notes:u1');
    expect(contextOf(RANT_CONTENT, { id: 'r1' })).toBe('anonymous_rants.content:r1');
    expect(contextOf(WEBHOOK_SECRET, { id: 'w1' })).toBe('webhook_subscriptions.secret:w1');
    expect(contextOf(SURVEY_FREE_TEXT, { survey_id: 's1' }, 'ideas')).toBe(
      'survey_responses.responses:s1:ideas',
    );
  });

  it('is the only way into the cipher: no code outside src/common/crypto uses FieldCipher', () => {
    const root = join(PROJECT_ROOT, 'src');
    const cryptoDir = join(root, 'common', 'crypto');
    const users = (readdirSync(root, { recursive: true }) as string[])
      .map((path) => join(root, path))
      .filter((path) => path.endsWith('.ts') && !path.startsWith(cryptoDir))
      .filter((path) => !path.startsWith(join(root, 'generated')))
      .filter((path) => /\bFieldCipher\b/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(users).toEqual([]);
  });
});
