// Ids and values the seed computes in SQL, and the same ids in Node.
import { createHash } from 'node:crypto';
import { DEPARTMENTS, TIMEZONES } from './vocabulary.mjs';

/**
 * A stable id from a text: its MD5 shaped as a version-4 UUID (version and variant digits set),
 * computed the same way here and in SQL (`uuidOfSql`) so both sides agree.
 */
export function benchUuid(text) {
  const hex = createHash('md5').update(text).digest('hex');
  const shaped = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${shaped.slice(0, 8)}-${shaped.slice(8, 12)}-${shaped.slice(12, 16)}-${shaped.slice(16, 20)}-${shaped.slice(20)}`;
}

export const uuidOfSql = (textSql) =>
  `overlay(overlay(md5(${textSql}) placing '4' from 13) placing '8' from 17)::uuid`;

/** A SQL VALUES list of (name, lo, hi): cumulative ranges of `shares` over `total`. */
function rangesSql(shares) {
  let lo = 0;
  return shares
    .map(([name, share]) => {
      const row = `('${name}', ${lo}, ${lo + share})`;
      lo += share;
      return row;
    })
    .join(', ');
}

export const departmentOf = (indexSql) =>
  `(SELECT d.name FROM (VALUES ${rangesSql(DEPARTMENTS)}) AS d(name, lo, hi)
     WHERE abs(hashtext('dept:' || ${indexSql})) % 100000 >= d.lo
       AND abs(hashtext('dept:' || ${indexSql})) % 100000 < d.hi)`;

export const timezoneOf = (indexSql) =>
  `(SELECT z.name FROM (VALUES ${rangesSql(TIMEZONES)}) AS z(name, lo, hi)
     WHERE abs(hashtext('tz:' || ${indexSql})) % 100 >= z.lo
       AND abs(hashtext('tz:' || ${indexSql})) % 100 < z.hi)`;

/** The id of member `i` (a SQL expression) of the organisation seeded under `key`. */
export const memberIdSql = (key, indexSql) => uuidOfSql(`'bench:${key}:' || ${indexSql}`);
export const memberId = (key, index) => benchUuid(`bench:${key}:${index}`);
export const employeeIdSql = (key, indexSql) =>
  uuidOfSql(`'bench-employee:${key}:' || ${indexSql}`);
