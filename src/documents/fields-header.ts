/**
 * The fields of an agreement's first page and running footer: the model (the title), the template revision
 * ("Revised 02/12/2025" on every page of the 2025 templates; none on older ones), and the agency that signs.
 */
import type { Field } from '../domain/document.ts';
import { findDates } from './dates.ts';
import { confidenceAt, type DocText } from './doc-text.ts';
import { clean, found, LEGIBLE, legible, missing } from './field.ts';

const MODELS: [RegExp, string][] = [
  [/jail\s+enforcement\s+model/i, 'JEM'],
  [/task\s+force\s+(model|officer)/i, 'TFM'],
  [/warrant\s+service\s+officer/i, 'WSO'],
];

/** The model named in the title (the first 600 characters), else the first one named anywhere. */
export function modelField(d: DocText): Field<string> {
  if (d.text.trim() === '') return missing('no readable text');
  for (const scope of [d.text.slice(0, 600), d.text]) {
    let best: { i: number; len: number; code: string } | null = null;
    for (const [re, code] of MODELS) {
      const m = re.exec(scope);
      if (m && (!best || m.index < best.i)) best = { i: m.index, len: m[0].length, code };
    }
    if (best) return found(d, best.code, best.i, best.i + best.len, scope.length === 600 ? 0.95 : 0.6);
  }
  return missing('the document names no 287(g) model');
}

/**
 * The revision printed on the pages ("Revised MM/DD/YYYY"): the date most pages give (OCR misreads a few). A
 * document with readable text and no such line is of an older template: `unmarked`.
 */
export function revisionField(d: DocText): Field<string> {
  if (d.text.trim() === '') return missing('no readable text');
  const votes = new Map<string, { n: number; at: number; len: number }>();
  for (const m of d.text.matchAll(/revised\s*[:.]?\s*(\S{6,12})/gi)) {
    const date = findDates(m[1] as string)[0];
    const at = m.index ?? 0;
    // OCR misreads digits: only dates read with confidence vote.
    if (!date || confidenceAt(d, at, at + m[0].length) < LEGIBLE) continue;
    const v = votes.get(date.iso) ?? { n: 0, at: m.index ?? 0, len: m[0].length };
    v.n++;
    votes.set(date.iso, v);
  }
  const best = [...votes.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  const total = [...votes.values()].reduce((s, v) => s + v.n, 0);
  if (best && (best[1].n >= 2 || total === 1) && best[1].n * 2 > total) {
    const share = best[1].n / total;
    return found(d, best[0], best[1].at, best[1].at + best[1].len, 0.7 + 0.25 * share);
  }
  if (best || /revised/i.test(d.text.slice(0, 3000)))
    return missing('a revision line is printed but its date cannot be read with confidence');
  const title = /memorandum\s+of\s+agreement/i.exec(d.text);
  if (!title) return missing('neither a revision line nor the agreement’s title could be read');
  return found(d, 'unmarked', title.index, title.index + title[0].length, 0.7);
}

const PARTY_PATTERNS: RegExp[] = [
  // 2019–2020 and 2025 JEM/WSO: "… (DHS), and [the] Benton County Sheriff's Office, hereinafter …"
  /\([DO]HS\),?\s+and\s+(?:the\s+)?([\s\S]{3,160}?)\s*,?\s*\(?hereinafter/i,
  // 2025 TFM: "… (DHS), and the Arcadia Police Dept (APD) , pursuant to which …"
  /\([DO]HS\),?\s+and\s+(?:the\s+)?([\s\S]{3,120}?)\s*,?\s*pursuant\s+to\s+which/i,
];

/** The agency that signs with ICE, as the parties clause names it. */
export function agencyField(d: DocText): Field<string> {
  if (d.text.trim() === '') return missing('no readable text');
  const head = d.text.slice(0, 4000);
  const hits = PARTY_PATTERNS.map((re) => re.exec(head))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => (a[1] as string).length - (b[1] as string).length);
  for (const m of hits) {
    const name = clean((m[1] as string).replace(/\n/g, ' '));
    if (name.length < 3 || /^the$/i.test(name)) continue;
    if (/^(law enforcement agency|lea)$/i.test(name)) continue;
    const start = (m.index ?? 0) + (m[0] as string).indexOf(m[1] as string);
    return legible(found(d, name, start, start + (m[1] as string).length, 0.9), 0.9);
  }
  return missing('the parties clause does not name the agency (blank, or unreadable)');
}
