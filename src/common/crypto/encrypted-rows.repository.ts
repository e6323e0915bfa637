import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { SealedJsonFields, SealedTextColumn } from './encrypted-columns.js';
import type { Encrypted } from './field-cipher.js';

/** A row of a text column whose value is under another key than the active one. */
export interface StaleTextRow {
  id: string;
  keyId: string | null;
  ciphertext: string;
  bound: Record<string, string>;
}

/** A row of a json column with a sealed field under another key; `document` as stored. */
export interface StaleJsonRow {
  id: string;
  document: string;
  bound: Record<string, string>;
}

/**
 * The statements `crypto:reencrypt` runs over any registry entry. Names come from the registry
 * (constants of this code, never input) and are quoted; every value is a bound parameter.
 * Rows are read a batch at a time in primary-key order, and each is written back only if it
 * still holds what was read (compare-and-set): an edit made meanwhile is never overwritten.
 */
@Injectable()
export class EncryptedRowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  staleText(
    column: SealedTextColumn,
    activeKeyId: string,
    after: string | null,
    take: number,
  ): Promise<StaleTextRow[]> {
    const { table, id, value, keyId } = names(column);
    return this.prisma.$queryRaw<StaleTextRow[]>`
      SELECT ${id}::text AS id, ${keyId} AS "keyId", ${value} AS ciphertext,
             ${boundValues(column)} AS bound
        FROM ${table}
       WHERE ${textIsStale(column, activeKeyId)} ${afterId(id, after)}
       ORDER BY ${id}
       LIMIT ${take}`;
  }

  /** False when the row no longer holds `previous` (changed or deleted meanwhile). */
  async replaceText(column: SealedTextColumn, previous: StaleTextRow, next: Encrypted) {
    const { table, id, value, keyId } = names(column);
    const updated = await this.prisma.$executeRaw`
      UPDATE ${table} SET ${value} = ${next.ciphertext}, ${keyId} = ${next.keyId}
       WHERE ${id} = ${previous.id}::uuid
         AND ${value} = ${previous.ciphertext}
         AND ${keyId} IS NOT DISTINCT FROM ${previous.keyId}`;
    return updated === 1;
  }

  staleJson(
    column: SealedJsonFields,
    activeKeyId: string,
    after: string | null,
    take: number,
  ): Promise<StaleJsonRow[]> {
    const { table, id, value } = names(column);
    return this.prisma.$queryRaw<StaleJsonRow[]>`
      SELECT ${id}::text AS id, ${value}::text AS document, ${boundValues(column)} AS bound
        FROM ${table}
       WHERE ${jsonIsStale(column, activeKeyId)} ${afterId(id, after)}
       ORDER BY ${id}
       LIMIT ${take}`;
  }

  async replaceJson(column: SealedJsonFields, previous: StaleJsonRow, next: object) {
    const { table, id, value } = names(column);
    const updated = await this.prisma.$executeRaw`
      UPDATE ${table} SET ${value} = ${JSON.stringify(next)}::jsonb
       WHERE ${id} = ${previous.id}::uuid AND ${value} = ${previous.document}::jsonb`;
    return updated === 1;
  }

  /** How many rows still hold a value under another key than `activeKeyId`. */
  async countStale(column: SealedTextColumn | SealedJsonFields, activeKeyId: string) {
    const stale =
      column.shape === 'text' ? textIsStale(column, activeKeyId) : jsonIsStale(column, activeKeyId);
    const [{ count }] = await this.prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM ${names(column).table} WHERE ${stale}`;
    return count;
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(name: string): Prisma.Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain SQL name.`);
  return Prisma.raw(`"${name}"`);
}

function names(column: SealedTextColumn | SealedJsonFields) {
  return {
    table: quoted(column.table),
    id: quoted(column.primaryKey),
    value: quoted(column.column),
    keyId: column.keyIdColumn === null ? Prisma.empty : quoted(column.keyIdColumn),
  };
}

/** The values the context binds to, as a json object by column name. */
function boundValues(column: SealedTextColumn | SealedJsonFields): Prisma.Sql {
  const pairs = column.boundTo.map((name) => Prisma.sql`${name}::text, ${quoted(name)}::text`);
  return Prisma.sql`jsonb_build_object(${Prisma.join(pairs)})`;
}

function afterId(id: Prisma.Sql, after: string | null): Prisma.Sql {
  return after === null ? Prisma.empty : Prisma.sql`AND ${id} > ${after}::uuid`;
}

function textIsStale(column: SealedTextColumn, activeKeyId: string): Prisma.Sql {
  const { value, keyId } = names(column);
  return Prisma.sql`${value} IS NOT NULL AND ${keyId} IS DISTINCT FROM ${activeKeyId}`;
}

/** A field is a sealed value when it is an object with a string keyId and ciphertext. */
function jsonIsStale(column: SealedJsonFields, activeKeyId: string): Prisma.Sql {
  const { value } = names(column);
  return Prisma.sql`EXISTS (
    SELECT 1
      FROM jsonb_each(CASE WHEN jsonb_typeof(${value}) = 'object' THEN ${value} ELSE '{}' END) AS field
     WHERE jsonb_typeof(field.value -> 'keyId') = 'string'
       AND jsonb_typeof(field.value -> 'ciphertext') = 'string'
       AND field.value ->> 'keyId' <> ${activeKeyId})`;
}
