/** Dates as agreements print them (`02/28/2025`, `March 5, 2025`, `2020.06.30`, `7/16/20`) to ISO, or null. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return t.toISOString().slice(0, 10);
}

/** A date pattern found in text: where it is and its ISO value. */
export interface FoundDate {
  index: number;
  length: number;
  iso: string;
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
    read: (m) => iso(+(m[3] as string), +(m[1] as string), +(m[2] as string)),
  },
  {
    re: /\b(\d{4})\.(\d{2})\.(\d{2})\b/g,
    read: (m) => iso(+(m[1] as string), +(m[2] as string), +(m[3] as string)),
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (m) => iso(+(m[1] as string), +(m[2] as string), +(m[3] as string)),
  },
  {
    re: /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/gi,
    read: (m) =>
      iso(
        +(m[3] as string),
        MONTHS.indexOf((m[1] as string).slice(0, 3).toLowerCase()) + 1,
        +(m[2] as string),
      ),
  },
];

/** Every readable date in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const v = read(m);
      if (v) out.push({ index: m.index, length: m[0].length, iso: v });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first readable date in the text, or null. */
export function firstDate(text: string): FoundDate | null {
  return findDates(text)[0] ?? null;
}
