/**
 * One publication's raw rows → listings: normalized values beside the raw cells, every problem recorded with
 * file, row and column. Nothing is dropped: a row that cannot be normalized keeps its raw cells and its problems.
 */

import { memo } from '../domain/memo.ts';
import { cleanText, isMissing } from '../domain/text.ts';
import type { Listing, ParsedPublication, Problem, RawRow } from '../domain/types.ts';
import { agencyKey, displayName, withoutAddendum } from './agency-name.ts';
import { normalizeJurisdictionType } from './jurisdiction-type.ts';
import { cleanLink } from './link.ts';
import { normalizeModel } from './model.ts';
import { normalizeSigned, type SignedResult } from './signed-date.ts';
import { normalizeState } from './state.ts';

const state = memo(normalizeState);
const jurisdiction = memo(normalizeJurisdictionType);
const model = memo(normalizeModel);
const link = memo(cleanLink);
const text = memo(cleanText);
const display = memo(displayName);

const signedMemo = memo((k: string) => {
  const [t, asOf, v] = k.split('\u0001') as [string, string, string];
  return normalizeSigned({ t, v }, asOf);
});

/** The SIGNED cell read on a publication date (memoized: the same values recur in every list). */
export function readSigned(cell: { t: string; v: string } | undefined, asOfDate: string): SignedResult {
  return cell
    ? signedMemo(`${cell.t}\u0001${asOfDate}\u0001${cell.v}`)
    : normalizeSigned(undefined, asOfDate);
}

/** The problem a signed date reading records, if any. */
export function signedIssue(
  s: SignedResult,
): { code: string; severity: Problem['severity']; message: string } | null {
  if (s.rule === 'blank') return { code: 'signed-blank', severity: 'warning', message: 'no signed date' };
  if (s.rule === 'unreadable')
    return { code: 'signed-unreadable', severity: 'error', message: s.evidence ?? 'unreadable' };
  if (s.rule === 'implausible')
    return { code: 'signed-implausible', severity: 'warning', message: s.evidence ?? '' };
  if (s.rule === 'after-publication')
    return { code: 'signed-after-publication', severity: 'warning', message: s.evidence ?? '' };
  if (s.correctedByRule) return { code: `signed-${s.rule}`, severity: 'info', message: s.evidence ?? s.rule };
  return null;
}

/** Reads SIGNED for a participating listing, recording problems against its file and row. */
function applySigned(l: Listing, row: RawRow, pub: Pick<ParsedPublication, 'file' | 'asOfDate'>): void {
  const cell = row.cells.SIGNED;
  const s = readSigned(cell, pub.asOfDate);
  l.signedPublished = s.published;
  l.signed = s.corrected;
  l.signedRule = s.rule;
  const issue = signedIssue(s);
  if (issue)
    l.problems.push({ file: pub.file, row: row.row, column: 'SIGNED', ...issue, value: cell?.v ?? null });
}

export function normalizeRow(
  row: RawRow,
  pub: Pick<ParsedPublication, 'file' | 'asOfDate' | 'kind'>,
): Listing {
  const problems: Problem[] = [];
  const c = row.cells;
  const add = (
    column: string,
    code: string,
    severity: Problem['severity'],
    message: string,
    value?: string | null,
  ) => problems.push({ file: pub.file, row: row.row, column, code, severity, message, value: value ?? null });

  const stateRaw = c.STATE?.v;
  const st = state(isMissing(stateRaw, c.STATE?.t) ? '' : (stateRaw as string));
  if (st.rule === 'missing') add('STATE', 'missing-state', 'error', 'no state');
  else if (st.rule === 'unknown')
    add('STATE', 'unknown-state', 'error', 'not a U.S. state or territory', stateRaw);
  else if (st.rule === 'correction')
    add('STATE', 'state-corrected', 'info', `corrected to ${st.code} (state-corrections.csv)`, stateRaw);

  const nameRaw = c['LAW ENFORCEMENT AGENCY'];
  const hasName = nameRaw && !isMissing(nameRaw.v, nameRaw.t);
  if (!hasName) add('LAW ENFORCEMENT AGENCY', 'missing-agency', 'error', 'no agency name');
  // `… Sheriff's Office (Addendum)`: the row prints an addendum; the suffix is a flag, not part of the name (the
  // matching key keeps it, so the agency's ID does not change; identify/variants.ts reads it as the same name).
  const named = hasName ? withoutAddendum(nameRaw.v) : null;
  if (named?.addendum)
    add(
      'LAW ENFORCEMENT AGENCY',
      'name-suffix-addendum',
      'info',
      'the "(Addendum)" suffix is read as a flag of the row: the name is without it',
      nameRaw?.v,
    );

  const typeRaw = c.TYPE;
  const jurisdictionType = typeRaw && !isMissing(typeRaw.v, typeRaw.t) ? jurisdiction(typeRaw.v) : null;
  if (typeRaw && !isMissing(typeRaw.v, typeRaw.t) && !jurisdictionType)
    add('TYPE', 'unknown-type', 'warning', 'not County / Municipality / State Agency', typeRaw.v);

  const countyRaw = c.COUNTY;
  const county = countyRaw && !isMissing(countyRaw.v, countyRaw.t) ? text(countyRaw.v) : null;

  const modelRaw = c['SUPPORT TYPE'];
  const m = model(modelRaw && !isMissing(modelRaw.v, modelRaw.t) ? modelRaw.v : '');
  if (!m.model)
    add('SUPPORT TYPE', 'unknown-model', 'error', 'no recognisable 287(g) model', modelRaw?.v ?? null);

  const links: Record<'MOA' | 'ADDENDUM', string | null> = { MOA: null, ADDENDUM: null };
  for (const col of ['MOA', 'ADDENDUM'] as const) {
    const cell = c[col];
    if (!cell) continue;
    // The target lives in the hyperlink; html-era tables carry the URL as the cell text.
    const target = cell.link ?? (/^\s*(https?:|www\.)/i.test(cell.v) ? cell.v : null);
    const l = link(target ?? '');
    links[col] = l.url;
    for (const f of l.fixes)
      add(
        col,
        `link-${f}`,
        f === 'not-a-web-link' || f === 'malformed-escape' ? 'warning' : 'info',
        `hyperlink ${f.replace(/-/g, ' ')}`,
        target,
      );
  }

  const listing: Listing = {
    row: row.row,
    hidden: row.hidden,
    raw: c,
    state: st.code,
    agencyName: named ? display(named.name) : null,
    agencyKey: hasName ? agencyKey(nameRaw.v, st.code) : null,
    jurisdictionType,
    county,
    model: m.model,
    signedPublished: null,
    signed: null,
    signedRule: null,
    moaUrl: links.MOA,
    addendumUrl: links.ADDENDUM,
    problems,
  };
  if (pub.kind === 'participating') applySigned(listing, row, pub);
  return listing;
}

/**
 * Normalizes every row of a publication. Rows repeat across publications (the same agency, listed the same way,
 * hundreds of times), so a normalized row is cached by list kind and cells; only the signed date (whose checks
 * depend on the publication date), the row number and the file named in problems are redone per publication.
 */
const rowCache = new Map<string, Listing>();

type PubLike = Pick<ParsedPublication, 'file' | 'asOfDate' | 'kind' | 'rows'>;

export function normalizePublication(pub: PubLike): Listing[] {
  return pub.rows.map((r) => {
    const key = `${pub.kind}\u0001${r.sig}`;
    let base = rowCache.get(key);
    if (!base) {
      base = normalizeRow(r, { ...pub, asOfDate: '9999-12-31' });
      base.problems = base.problems.filter((p) => p.column !== 'SIGNED');
      if (rowCache.size > 100_000) rowCache.clear();
      rowCache.set(key, base);
    }
    const problems = base.problems.map((p) => ({ ...p, file: pub.file, row: r.row }));
    const l: Listing = { ...base, row: r.row, hidden: r.hidden, raw: r.cells, problems };
    if (pub.kind === 'participating') applySigned(l, r, pub);
    return l;
  });
}
