/**
 * The audit log as CSV (the admins’ export and `reassess editors audit-log --format csv`): one line per entry, before and after
 * as JSON text. A cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) is
 * prefixed with an apostrophe: entity names and tip fields come from the public.
 */
import { stringify } from 'csv-stringify/sync';
import type { AuditRow } from '../store/audit.ts';

const neutral = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function auditCsv(rows: readonly AuditRow[]): string {
  return stringify(
    rows.map((r) => [
      String(r.auditId),
      r.at,
      neutral(r.actor),
      r.action,
      neutral(r.entity),
      r.before === null ? '' : neutral(JSON.stringify(r.before)),
      r.after === null ? '' : neutral(JSON.stringify(r.after)),
    ]),
    { header: true, columns: ['audit_id', 'at', 'actor', 'action', 'entity', 'before', 'after'] },
  );
}
