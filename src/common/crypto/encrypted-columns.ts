/**
 * Every column that holds ciphertext, in one list: features seal and open through these entries
 * (SealedColumns) and `npm run crypto:reencrypt` walks all of them, so a key can be removed only
 * once nothing is left under it. A new encrypted column is added here, or the schema test fails.
 *
 * A value is bound (AES-GCM authenticated data) to `table.column:` and the values of `boundTo`
 * of its row, joined by `:` (and for a json field, the field's name after them): a ciphertext
 * copied to another row, person or column does not open. These strings are what existing rows
 * were sealed with; changing one makes every stored value of the column unreadable.
 */

/** A text column of ciphertext, with a column naming the key of each row's value. */
export interface SealedTextColumn<Bound extends string = string> {
  shape: 'text';
  table: string;
  column: string;
  keyIdColumn: string;
  /** A uuid column: rows are walked in its order. */
  primaryKey: string;
  boundTo: readonly Bound[];
}

/**
 * A jsonb object some of whose fields are sealed values `{ keyId, ciphertext }`, each naming
 * its own key (there is no key-id column), each bound to its field's name as well.
 */
export interface SealedJsonFields<Bound extends string = string> {
  shape: 'json-fields';
  table: string;
  column: string;
  keyIdColumn: null;
  primaryKey: string;
  boundTo: readonly Bound[];
}

export type EncryptedColumn = SealedTextColumn | SealedJsonFields;

/** The row's values a ciphertext is bound to, by column name. */
export type BoundValues<Bound extends string> = Readonly<Record<Bound, string>>;

export const JOURNAL_CONTENT = {
  shape: 'text',
  table: 'journals',
  column: 'content',
  keyIdColumn: 'encryption_key_id',
  primaryKey: 'id',
  boundTo: ['user_id'],
} as const satisfies SealedTextColumn;

export const MOOD_NOTES = {
  shape: 'text',
  table: 'mood_entries',
  column: 'notes',
  keyIdColumn: 'encryption_key_id',
  primaryKey: 'id',
  boundTo: ['user_id'],
} as const satisfies SealedTextColumn;

/** Only the person who booked ever reads it. */
export const APPOINTMENT_NOTES = {
  shape: 'text',
  table: 'appointments',
  column: 'notes',
  keyIdColumn: 'encryption_key_id',
  primaryKey: 'id',
  boundTo: ['user_id'],
} as const satisfies SealedTextColumn;

/** Bound to the post itself: the table has no column that leads to a person. */
export const RANT_CONTENT = {
  shape: 'text',
  table: 'anonymous_rants',
  column: 'content',
  keyIdColumn: 'encryption_key_id',
  primaryKey: 'id',
  boundTo: ['id'],
} as const satisfies SealedTextColumn;

/** Read back to sign every delivery. */
export const WEBHOOK_SECRET = {
  shape: 'text',
  table: 'webhook_subscriptions',
  column: 'secret',
  keyIdColumn: 'encryption_key_id',
  primaryKey: 'id',
  boundTo: ['id'],
} as const satisfies SealedTextColumn;

/**
 * Free-text survey answers, bound to the survey and the question, never to the response: the
 * answers must stay unlinkable to one another and to the respondent.
 */
export const SURVEY_FREE_TEXT = {
  shape: 'json-fields',
  table: 'survey_responses',
  column: 'responses',
  keyIdColumn: null,
  primaryKey: 'id',
  boundTo: ['survey_id'],
} as const satisfies SealedJsonFields;

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  JOURNAL_CONTENT,
  MOOD_NOTES,
  APPOINTMENT_NOTES,
  RANT_CONTENT,
  WEBHOOK_SECRET,
  SURVEY_FREE_TEXT,
];

/** `table.column`, how reports and errors name a column. */
export const columnName = (column: EncryptedColumn) => `${column.table}.${column.column}`;

/** The authenticated data a value of `column` in the row holding `bound` is sealed with. */
export function contextOf<Bound extends string>(
  column: { table: string; column: string; boundTo: readonly Bound[] },
  bound: BoundValues<Bound>,
  field?: string,
): string {
  const parts = column.boundTo.map((name) => bound[name]);
  if (field !== undefined) parts.push(field);
  return `${column.table}.${column.column}:${parts.join(':')}`;
}
