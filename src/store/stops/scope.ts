/**
 * The rows an analysis may use, as one WHERE clause: the dataset's table, the reported date window, vehicular
 * stops (when the dataset says which), and the months the gates excluded. Built from checked values only
 * (identifiers and dates are validated), so no user text reaches the SQL.
 */
import { dateLiteral, ident, literal } from './duck.ts';

export interface StopScope {
  table: string;
  from: string;
  to: string;
  /** Keep `type = 'vehicular'` rows only (the dataset has a type column). */
  vehicularOnly: boolean;
  /** Months (YYYY-MM) excluded by the gates. */
  excludedMonths: string[];
}

export function scopeWhere(s: StopScope): string {
  const parts = [`"date" BETWEEN ${dateLiteral(s.from)} AND ${dateLiteral(s.to)}`];
  if (s.vehicularOnly) parts.push(`"type" = 'vehicular'`);
  const months = s.excludedMonths.filter((m) => {
    if (!/^\d{4}-\d{2}$/.test(m)) throw new Error(`not a month (YYYY-MM): "${m}"`);
    return true;
  });
  if (months.length) parts.push(`strftime("date", '%Y-%m') NOT IN (${months.map(literal).join(', ')})`);
  return parts.join(' AND ');
}

export const tableOf = (s: StopScope) => ident(s.table);
