/**
 * ICE's file labels (`participatingAgencies05162025am.xlsx`) and the as-of day.
 * Labels are unreliable (typos, wrong years): they are kept beside the as-of date, never used instead of it
 * unless a workbook has no last-saved date at all.
 */

const NY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of an instant in America/New_York, `YYYY-MM-DD`. */
export function newYorkDate(iso: string): string {
  return NY.format(new Date(iso));
}

function valid(y: number, m: number, d: number): string | null {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

/** The date a label claims, when it holds exactly one readable MMDDYYYY or YYYY-MM-DD; otherwise null. */
export function labelDate(label: string): string | null {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(label);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = /(?:^|\D)(\d{2})(\d{2})(\d{4})(?:\D|$)/.exec(label);
  if (m) return valid(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}
