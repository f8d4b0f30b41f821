/**
 * Reads an evidence record's content from untrusted input (a form, an imported file) into the stored shape, with
 * every problem named by field. Two levels: a draft may be incomplete but never malformed (lengths, http(s) URLs
 * only, known kinds, criteria and checklist items, real dates); a record is publishable only when it is complete
 * (a title, a summary, a date, at least one criterion or checklist item, at least one source with its publisher
 * and the passage relied on).
 */
import { isCalendarDate } from '../domain/dates.ts';
import {
  CHECKLIST_ITEMS,
  CRITERIA,
  type Criterion,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  type EvidenceContent,
  type EvidenceKind,
  type EvidenceSource,
  type EvidenceStatus,
  isHttpUrl,
} from '../domain/evidence.ts';
import { plainLine, plainText } from './plain-text.ts';

export const LIMITS = {
  title: 200,
  summary: 4000,
  agencyName: 200,
  publisher: 200,
  quote: 1500,
  url: 2000,
  sources: 12,
} as const;

export interface Problem {
  field: string;
  message: string;
}

type Input = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function isIsoDate(s: string): boolean {
  return isCalendarDate(s);
}

function text(input: Input, field: string, max: number, problems: Problem[], multiline = false): string {
  const v = multiline ? plainText(str(input[field])) : plainLine(str(input[field]));
  if (v.length > max) problems.push({ field, message: `at most ${max} characters (${v.length} given)` });
  return v.slice(0, max);
}

function oneOf<T extends string>(
  v: unknown,
  allowed: readonly T[],
  field: string,
  problems: Problem[],
  dflt: T,
): T {
  const s = str(v).trim();
  if ((allowed as readonly string[]).includes(s)) return s as T;
  problems.push({ field, message: `must be one of ${allowed.join(', ')}${s ? ` (not "${s}")` : ''}` });
  return dflt;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

function criteria(v: unknown, problems: Problem[]): Criterion[] {
  const out = new Set<Criterion>();
  for (const c of list(v)) {
    if ((CRITERIA as readonly string[]).includes(str(c))) out.add(str(c) as Criterion);
    else problems.push({ field: 'criteria', message: `unknown criterion "${str(c)}"` });
  }
  return CRITERIA.filter((c) => out.has(c));
}

function checklist(v: unknown, problems: Problem[]): number[] {
  const out = new Set<number>();
  for (const c of list(v)) {
    const n = Number(c);
    if (CHECKLIST_ITEMS.includes(n)) out.add(n);
    else problems.push({ field: 'checklist', message: `checklist items are 1 to 16 (not "${str(c)}")` });
  }
  return [...out].sort((a, b) => a - b);
}

function source(v: unknown, i: number, problems: Problem[]): EvidenceSource | null {
  const s = (v && typeof v === 'object' ? v : {}) as Input;
  const field = (f: string) => `sources[${i}].${f}`;
  const local: Problem[] = [];
  const url = plainLine(str(s.url));
  const out: EvidenceSource = {
    url,
    publisher: text(s, 'publisher', LIMITS.publisher, local),
    date: plainLine(str(s.date)) || null,
    quote: text(s, 'quote', LIMITS.quote, local, true),
    archivedSha256: plainLine(str(s.archivedSha256)).toLowerCase() || null,
  };
  if (!url && !out.publisher && !out.quote) return null; // an empty row of the form
  if (!isHttpUrl(url)) local.push({ field: 'url', message: 'a source is an http:// or https:// address' });
  else if (url.length > LIMITS.url) local.push({ field: 'url', message: `at most ${LIMITS.url} characters` });
  if (out.date !== null && !isIsoDate(out.date))
    local.push({ field: 'date', message: 'a date is YYYY-MM-DD' });
  if (out.archivedSha256 !== null && !/^[0-9a-f]{64}$/.test(out.archivedSha256))
    local.push({ field: 'archivedSha256', message: 'a sha256 is 64 hex digits' });
  for (const p of local) problems.push({ field: field(p.field), message: p.message });
  return out;
}

/** The content of a record as stored, and what is wrong with it as a draft (empty: it may be saved). */
export function readContent(input: Input): { content: EvidenceContent; problems: Problem[] } {
  const problems: Problem[] = [];
  const agencyId = plainLine(str(input.agencyId)) || null;
  if (agencyId !== null && !/^agy-[a-hjkmnp-tv-z0-9]{10}$/.test(agencyId))
    problems.push({ field: 'agencyId', message: 'an agency ID looks like agy-0a1b2c3d4e' });
  const state = plainLine(str(input.state)).toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) problems.push({ field: 'state', message: 'a two-letter USPS state code' });
  const countyFips = plainLine(str(input.countyFips)) || null;
  if (countyFips !== null && !/^\d{5}$/.test(countyFips))
    problems.push({ field: 'countyFips', message: 'a county FIPS code is 5 digits' });
  const date = plainLine(str(input.date));
  if (date && !isIsoDate(date)) problems.push({ field: 'date', message: 'a date is YYYY-MM-DD' });
  const sources = list(input.sources)
    .map((s, i) => source(s, i, problems))
    .filter((s): s is EvidenceSource => s !== null);
  if (sources.length > LIMITS.sources)
    problems.push({ field: 'sources', message: `at most ${LIMITS.sources}` });
  const content: EvidenceContent = {
    agencyId,
    agencyName: text(input, 'agencyName', LIMITS.agencyName, problems),
    state,
    countyFips,
    kind: oneOf<EvidenceKind>(input.kind, EVIDENCE_KINDS, 'kind', problems, 'reporting'),
    date,
    title: text(input, 'title', LIMITS.title, problems),
    summary: text(input, 'summary', LIMITS.summary, problems, true),
    status: oneOf<EvidenceStatus>(input.status, EVIDENCE_STATUSES, 'status', problems, 'alleged'),
    criteria: criteria(input.criteria, problems),
    checklist: checklist(input.checklist, problems),
    sources: sources.slice(0, LIMITS.sources),
  };
  return { content, problems };
}

/** What a valid draft still lacks before it may be published (empty: it may be). */
export function publishProblems(c: EvidenceContent): Problem[] {
  const out: Problem[] = [];
  if (!c.agencyName) out.push({ field: 'agencyName', message: 'the agency is named' });
  if (!c.agencyId && !c.countyFips)
    out.push({
      field: 'agencyId',
      message: 'an agency in the ledger, or a county (FIPS) for a sheriff or jail',
    });
  if (!c.date) out.push({ field: 'date', message: 'the record has a date' });
  if (!c.title) out.push({ field: 'title', message: 'the record has a title' });
  if (!c.summary) out.push({ field: 'summary', message: 'the record has a summary in plain words' });
  if (c.criteria.length + c.checklist.length === 0)
    out.push({ field: 'criteria', message: 'at least one criterion or checklist item' });
  if (c.sources.length === 0) out.push({ field: 'sources', message: 'at least one source' });
  c.sources.forEach((s, i) => {
    if (!s.publisher) out.push({ field: `sources[${i}].publisher`, message: 'the publisher is named' });
    if (!s.quote) out.push({ field: `sources[${i}].quote`, message: 'the passage relied on is quoted' });
  });
  return out;
}
