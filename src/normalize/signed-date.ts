/**
 * SIGNED → a date, with an explicit bad-value policy. Every reading says which rule produced it:
 *
 * | input                                   | published        | corrected        | rule                 |
 * |-----------------------------------------|------------------|------------------|----------------------|
 * | Excel serial (1900 system, 1899-12-30)  | the date         | the date         | `serial`             |
 * | ISO text `2020-06-09` (html-era)        | the date         | the date         | `iso-text`           |
 * | text `m/d/yyyy`, `m/d/yy`               | the date         | the date         | `us-text`            |
 * | text `05/082025` (slash missing)        | null             | 2025-05-08       | `missing-slash`      |
 * | year far past the publication (`5025`)  | 5025-07-07       | 2025-07-07       | `year-typo`          |
 * | after the publication, no typo fix      | the date         | the date         | `after-publication` (warning) |
 * | before 2002 (no 287(g) MOA is older)    | the date         | null             | `implausible`        |
 * | blank, `#N/A`                           | null             | null             | `blank`              |
 * | anything else                           | null             | null             | `unreadable`         |
 *
 * Dates are never shifted by the machine's time zone: serials are converted with integer day arithmetic.
 */
import { cleanText, isMissing } from '../domain/text.ts';

export type SignedRule =
  | 'serial'
  | 'iso-text'
  | 'us-text'
  | 'missing-slash'
  | 'year-typo'
  | 'after-publication'
  | 'implausible'
  | 'blank'
  | 'unreadable';

export interface SignedResult {
  published: string | null;
  corrected: string | null;
  rule: SignedRule;
  /** True when the corrected value differs from what was published (or published was unreadable). */
  correctedByRule: boolean;
  evidence: string | null;
}

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const FIRST_MOA = '2002-01-01';

export function serialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(EPOCH + Math.floor(serial) * DAY).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(2000, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

function result(
  published: string | null,
  corrected: string | null,
  rule: SignedRule,
  evidence: string | null = null,
) {
  return { published, corrected, rule, correctedByRule: published !== corrected, evidence };
}

/** Applies the plausibility rules to a date that was read literally. */
function checked(date: string, rule: SignedRule, asOfDate: string): SignedResult {
  if (date > addDays(asOfDate, 1)) {
    const year = Number(date.slice(0, 4));
    const pubYear = Number(asOfDate.slice(0, 4));
    // A slipped first digit (5025 for 2025): same last three digits, within a year of the publication.
    for (const y of [pubYear, pubYear - 1]) {
      if (year !== y && year % 1000 === y % 1000) {
        const fixed = `${y}${date.slice(4)}`;
        if (fixed <= addDays(asOfDate, 1))
          return result(
            date,
            fixed,
            'year-typo',
            `year ${year} is after the publication (${asOfDate}); ${y} keeps the other digits`,
          );
      }
    }
    return result(date, date, 'after-publication', `signed date is after the publication date ${asOfDate}`);
  }
  if (date < FIRST_MOA)
    return result(date, null, 'implausible', `before ${FIRST_MOA}, when the first 287(g) MOA was signed`);
  return result(date, date, rule);
}

export function normalizeSigned(cell: { v: string; t: string } | undefined, asOfDate: string): SignedResult {
  if (!cell || isMissing(cell.v, cell.t)) return result(null, null, 'blank');
  if (cell.t === 'n') {
    const d = serialToDate(Number(cell.v));
    return d
      ? checked(d, 'serial', asOfDate)
      : result(null, null, 'unreadable', `number ${cell.v} is not a date serial`);
  }
  const v = cleanText(cell.v);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) {
    const d = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return checked(d, 'iso-text', asOfDate);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
  if (m) {
    const y = m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const d = ymd(y, Number(m[1]), Number(m[2]));
    if (d) return checked(d, 'us-text', asOfDate);
  }
  m = /^(\d{1,2})\/(\d{1,2})(\d{4})$/.exec(v);
  if (m) {
    const d = ymd(Number(m[3]), Number(m[1]), Number(m[2]));
    if (d) {
      const c = checked(d, 'missing-slash', asOfDate);
      return {
        ...c,
        published: null,
        correctedByRule: true,
        evidence: `read "${v}" as ${d}: the slash before the year is missing`,
      };
    }
  }
  if (/^\d+(\.\d+)?$/.test(v)) {
    const d = serialToDate(Number(v));
    if (d) return checked(d, 'serial', asOfDate);
  }
  return result(null, null, 'unreadable', `"${v}" is not a date`);
}
