/**
 * The identity audit (issue 14, item 7): what in the derived history looks wrong, each entry with its evidence and
 * a suggested fix. Entries a rule of the fold or a reviewed file already settles are marked resolved (by what);
 * the others stay open with the reason no rule settles them. Pure: the ledger's rows in, entries out.
 */
import type { AliasEntry } from '../domain/identity.ts';
import { ratio } from '../identify/similarity.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { documentName } from '../normalize/link.ts';
import { refiledDocuments } from './audit-refiled.ts';

export const AUDIT_KINDS = [
  'removal-and-addition',
  'near-duplicate-names',
  'signed-after-first-listing',
  'one-publication-only',
  'shared-document',
  'refiled-document',
  'duplicate-row',
  'unplaced',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  kind: AuditKind;
  state: string | null;
  /** Agencies and agreements concerned. */
  subjects: string[];
  evidence: string;
  suggestion: string;
  /** `rule: …` or `reviewed: <file>`; null when open. */
  resolvedBy: string | null;
  /** Why it stays open (null when resolved). */
  reason: string | null;
}

export interface AuditAgreement {
  agreementId: string;
  agencyId: string;
  state: string;
  name: string;
  model: string;
  status: string;
  signed: string | null;
  signedRule: string | null;
  firstParticipating: string | null;
  moaUrl: string | null;
  addendumUrl: string | null;
}

export interface AuditEvent {
  date: string;
  kind: string;
  agreementId: string | null;
}

/** One applied publication: its date, kind, and per agency listed [id, state, name]; its duplicate rows. */
export interface AuditPublication {
  id: number;
  date: string;
  kind: string;
  agencies: [string, string | null, string | null][];
  duplicates: { row: number; agencyId: string; name: string | null; agreementId: string | null }[];
}

export interface AuditPlacement {
  agencyId: string;
  state: string;
  name: string;
  method: string;
  reason: string | null;
  level: string;
  place: string | null;
  countyFips: string[];
  /** The placement's inputs (geography/place.ts): `parsed.pattern` names a multi-county body's kind. */
  inputs?: unknown;
}

/** Where two placed agencies differ (level, city or town, counties), or null when they may be one body. */
function placedApart(input: AuditInput, a: string, b: string): string | null {
  const pa = input.placements.find((p) => p.agencyId === a);
  const pb = input.placements.find((p) => p.agencyId === b);
  if (!pa || !pb || pa.method === 'unplaced' || pb.method === 'unplaced') return null;
  if (pa.level !== pb.level) return `levels ${pa.level} and ${pb.level}`;
  if (pa.place && pb.place && pa.place !== pb.place) return `places ${pa.place} and ${pb.place}`;
  const both = pa.countyFips.length > 0 && pb.countyFips.length > 0;
  if (both && !pa.countyFips.some((f) => pb.countyFips.includes(f)))
    return `counties ${pa.countyFips.join('+')} and ${pb.countyFips.join('+')}`;
  return null;
}

export interface AuditInput {
  agreements: AuditAgreement[];
  events: AuditEvent[];
  publications: AuditPublication[];
  placements: AuditPlacement[];
  aliases: readonly AliasEntry[];
  /** The MOA file names each agreement's participating rows printed (ingest/document-uses.ts); none: not audited. */
  documents?: AuditDocumentUse[];
}

/** One MOA file name printed on an agreement's participating rows: its signed dates and the lists it appears on. */
export interface AuditDocumentUse {
  agreementId: string;
  /** The file name, lower case (normalize/link.ts, documentName). */
  document: string;
  signed: string[];
  first: string;
  last: string;
  /** Distinct list dates. */
  lists: number;
}

/** Words that differ between two names this close (edit ratio) make the names "near". */
export const NEAR = 0.75;

/**
 * Whether two names of one state are near: the words they do not share are alike ("Berrian" and "Berrien"),
 * or one name is the other with words added. The words they share ("County Sheriff's Office") are left out of the
 * comparison, or every two sheriffs would look alike.
 */
export function nearNames(a: string, b: string, state: string): { near: boolean; score: number } {
  const wa = agencyKey(a, state).split(' ');
  const wb = agencyKey(b, state).split(' ');
  const ra = wa.filter((w) => !wb.includes(w)).join(' ');
  const rb = wb.filter((w) => !wa.includes(w)).join(' ');
  if (ra === '' || rb === '') return { near: ra !== rb, score: 1 };
  const score = ratio(ra, rb);
  return { near: score >= NEAR && Math.max(ra.length, rb.length) >= 3, score };
}

const docs = (a: AuditAgreement) =>
  [documentName(a.moaUrl), documentName(a.addendumUrl)].filter((d): d is string => d !== null);

function reviewedPair(
  aliases: readonly AliasEntry[],
  state: string,
  a: string,
  b: string,
): AliasEntry | null {
  const ka = agencyKey(a, state);
  const kb = agencyKey(b, state);
  return (
    aliases.find(
      (e) =>
        (e.a.key === ka && e.b.key === kb && e.a.state === state) ||
        (e.a.key === kb && e.b.key === ka && e.b.state === state),
    ) ?? null
  );
}

function open(e: Omit<AuditEntry, 'resolvedBy' | 'reason'>, reason: string): AuditEntry {
  return { ...e, resolvedBy: null, reason };
}

/** A removal and an addition on the same list date, same state and model, with a document in common or near names. */
export function removalsAndAdditions(input: AuditInput): AuditEntry[] {
  const byId = new Map(input.agreements.map((a) => [a.agreementId, a]));
  const byDate = new Map<string, { removed: AuditAgreement[]; added: AuditAgreement[] }>();
  for (const e of input.events) {
    const a = e.agreementId ? byId.get(e.agreementId) : undefined;
    if (!a || (e.kind !== 'removed' && e.kind !== 'added')) continue;
    const d = byDate.get(e.date) ?? { removed: [], added: [] };
    (e.kind === 'removed' ? d.removed : d.added).push(a);
    byDate.set(e.date, d);
  }
  const out: AuditEntry[] = [];
  for (const [date, { removed, added }] of byDate)
    for (const r of removed)
      for (const a of added) {
        if (r.state !== a.state || r.model !== a.model || r.agencyId === a.agencyId) continue;
        const doc = docs(r).find((d) => docs(a).includes(d));
        const near = nearNames(r.name, a.name, r.state);
        if (!doc && !near.near) continue;
        const entry = {
          kind: 'removal-and-addition' as const,
          state: r.state,
          subjects: [r.agreementId, a.agreementId],
          evidence: `${date}: "${r.name}" (${r.model}, signed ${r.signed ?? 'blank'}) removed and "${a.name}" (signed ${a.signed ?? 'blank'}) added${doc ? `, both linking ${doc}` : ''}; differing words ${Math.round(near.score * 100)}% alike`,
          suggestion: `if one agreement, a "same" row in src/reference/agency-aliases.csv with its evidence; if two, a "distinct" row`,
        };
        const reviewed = reviewedPair(input.aliases, r.state, r.name, a.name);
        if (reviewed)
          out.push({
            ...entry,
            resolvedBy: `reviewed: agency-aliases.csv (${reviewed.verdict})`,
            reason: null,
          });
        else
          out.push(
            open(
              entry,
              doc && r.signed !== a.signed
                ? 'the signed dates differ, so the document alone does not make them one agreement'
                : doc
                  ? 'the document is also printed on another listed row, so it does not tell them apart'
                  : 'only the names are near: a name proves nothing without a document or signed date',
            ),
          );
      }
  return out;
}

/**
 * A removal on the list date where a duplicate row of another agency's agreement first appears in the same state
 * and model (the pack's FWC TFM on 2025-07-15: its row reappeared labelled as FDEP's, printing FDEP's MOA). The
 * duplicate-row rule already counts that row as the other agreement, so no rule can also make it the removed one.
 */
export function removalsBesideDuplicateRows(input: AuditInput): AuditEntry[] {
  const byId = new Map(input.agreements.map((a) => [a.agreementId, a]));
  const firstSeen = new Map<string, string>();
  for (const p of input.publications)
    for (const d of p.duplicates) {
      const k = `${d.agencyId}|${d.agreementId ?? ''}`;
      if (!firstSeen.has(k) || p.date < (firstSeen.get(k) as string)) firstSeen.set(k, p.date);
    }
  // A pair whose other agreement was added that day is a removal beside an addition (removalsAndAdditions).
  const added = new Set(
    input.events.filter((e) => e.kind === 'added').map((e) => `${e.date}|${e.agreementId}`),
  );
  const out: AuditEntry[] = [];
  const seen = new Set<string>();
  for (const e of input.events) {
    const r = e.kind === 'removed' && e.agreementId ? byId.get(e.agreementId) : undefined;
    if (!r) continue;
    for (const p of input.publications)
      for (const d of p.date === e.date ? p.duplicates : []) {
        const of = d.agreementId ? byId.get(d.agreementId) : undefined;
        const k = `${d.agencyId}|${d.agreementId ?? ''}`;
        if (!of || of.state !== r.state || of.model !== r.model || d.agencyId === r.agencyId) continue;
        if (firstSeen.get(k) !== e.date || added.has(`${e.date}|${of.agreementId}`)) continue;
        if (seen.has(`${r.agreementId}|${k}`)) continue;
        seen.add(`${r.agreementId}|${k}`);
        out.push(
          open(
            {
              kind: 'removal-and-addition',
              state: r.state,
              subjects: [r.agreementId, of.agreementId],
              evidence: `${e.date}: "${r.name}" (${r.model}, signed ${r.signed ?? 'blank'}) removed while "${d.name}" first appears as a duplicate row of "${of.name}" (signed ${of.signed ?? 'blank'})`,
              suggestion:
                'read the rows: if ICE printed the removed agreement under that label, report the wrong label and link to ICE; the removal stands as the lists print it',
            },
            besideDuplicateReason(input, r, of),
          ),
        );
      }
  }
  return out;
}

/** Why a removal beside another agreement's duplicate row stays open (see removalsBesideDuplicateRows). */
function besideDuplicateReason(input: AuditInput, r: AuditAgreement, of: AuditAgreement): string {
  const doc = documentName(of.moaUrl)?.toLowerCase();
  const own = (input.documents ?? []).find((u) => u.agreementId === r.agreementId && u.document === doc);
  const shared = own
    ? `; "${r.name}"'s own rows printed ${doc} too (${own.first} to ${own.last}), so the document cannot tell them apart`
    : '';
  return `the row that appeared is counted once as a duplicate of "${of.name}" (the duplicate-row rule: the same document, and a label of that agency)${shared}. Only the list date, a signed date or a row position tie it to the removed agreement, and those prove nothing; giving it to the removed agreement would print that agreement under a label of another agency whose own ${of.model} is listed, which the history cannot hold (one agreement per agency and model at a time), and no reviewed file assigns single rows. The removal stands as the lists print it`;
}

/** Pairs of agencies listed side by side in one list with near names (a typo or a variant kept apart). */
export function nearDuplicateNames(input: AuditInput): AuditEntry[] {
  // Near pairs among every (agency, name) of a state, once; then the lists that show both.
  const names = new Map<string, Map<string, string>>();
  const listsOf = new Map<string, Set<number>>();
  for (const p of input.publications)
    for (const [id, state, name] of p.agencies) {
      if (!state || !name) continue;
      const m = names.get(state) ?? new Map<string, string>();
      m.set(`${id}|${name}`, name);
      names.set(state, m);
      const l = listsOf.get(id) ?? new Set<number>();
      l.add(p.id);
      listsOf.set(id, l);
    }
  const dates = new Map(input.publications.map((p) => [p.id, p.date]));
  const pairs = new Map<string, AuditEntry>();
  for (const [state, m] of names) {
    const list = [...m.keys()];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [ia, na] = splitKey(list[i] as string);
        const [ib, nb] = splitKey(list[j] as string);
        const k = ia < ib ? `${ia}|${ib}` : `${ib}|${ia}`;
        if (ia === ib || pairs.has(k) || !nearNames(na, nb, state).near) continue;
        const both = [...(listsOf.get(ia) ?? [])].filter((x) => listsOf.get(ib)?.has(x));
        if (both.length === 0) continue;
        const first = both.map((x) => dates.get(x) ?? '').sort()[0];
        pairs.set(k, nearEntry(input, state, k, na, nb, `first on ${first}, in ${both.length} list(s)`));
      }
  }
  return [...pairs.values()];
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf('|');
  return [k.slice(0, i), k.slice(i + 1)];
}

function nearEntry(
  input: AuditInput,
  state: string,
  k: string,
  a: string,
  b: string,
  when: string,
): AuditEntry {
  const entry = {
    kind: 'near-duplicate-names' as const,
    state,
    subjects: k.split('|'),
    evidence: `"${a}" and "${b}" listed side by side (${when})`,
    suggestion: 'check both rows: a "same" row in agency-aliases.csv if one agency, else a "distinct" row',
  };
  const reviewed = reviewedPair(input.aliases, state, a, b);
  if (reviewed)
    return { ...entry, resolvedBy: `reviewed: agency-aliases.csv (${reviewed.verdict})`, reason: null };
  const apart = placedApart(input, entry.subjects[0] as string, entry.subjects[1] as string);
  return apart
    ? { ...entry, resolvedBy: `rule: placed in different jurisdictions (${apart})`, reason: null }
    : open(entry, 'two labels listed side by side are two agencies unless a reviewed row says otherwise');
}

/** Agreements whose signed date is later than their first participating listing. */
export function signedAfterListing(input: AuditInput): AuditEntry[] {
  return input.agreements
    .filter((a) => a.signed && a.firstParticipating && a.signed > a.firstParticipating)
    .map((a) =>
      open(
        {
          kind: 'signed-after-first-listing',
          state: a.state,
          subjects: [a.agreementId],
          evidence: `"${a.name}" ${a.model}: signed ${a.signed} (${a.signedRule ?? 'as published'}), first on the participating list ${a.firstParticipating}`,
          suggestion:
            'read the MOA: a typo in SIGNED goes in signed-date-corrections.csv; a re-signing is a new agreement',
        },
        'no rule or reviewed correction explains a signing after the listing',
      ),
    );
}

/** Agencies listed in one publication only (outside the latest list of its kind, where new agencies are expected). */
export function onePublicationOnly(input: AuditInput): AuditEntry[] {
  const latest = new Map<string, number>();
  for (const p of input.publications) if ((latest.get(p.kind) ?? -1) < p.id) latest.set(p.kind, p.id);
  const where = new Map<
    string,
    { p: AuditPublication; name: string | null; state: string | null; n: number }
  >();
  for (const p of input.publications)
    for (const [id, state, name] of p.agencies) {
      const w = where.get(id);
      if (w) w.n++;
      else where.set(id, { p, name, state, n: 1 });
    }
  const out: AuditEntry[] = [];
  for (const [id, w] of where) {
    if (w.n !== 1) continue;
    const entry = {
      kind: 'one-publication-only' as const,
      state: w.state,
      subjects: [id],
      evidence: `"${w.name}" appears only on the ${w.p.kind} list of ${w.p.date}`,
      suggestion: 'a typo of a listed agency: a "same" row in agency-aliases.csv; otherwise nothing',
    };
    out.push(
      latest.get(w.p.kind) === w.p.id
        ? { ...entry, resolvedBy: 'rule: on the latest list (new agencies first appear once)', reason: null }
        : open(entry, 'listed once and never again: a typo or a short-lived listing'),
    );
  }
  return out;
}

/** Agreements of different agencies whose rows link the same document (ICE's wrong link, or one body twice). */
export function sharedDocuments(input: AuditInput): AuditEntry[] {
  const byDoc = new Map<string, AuditAgreement[]>();
  for (const a of input.agreements)
    for (const d of docs(a)) byDoc.set(`${a.model}|${d}`, [...(byDoc.get(`${a.model}|${d}`) ?? []), a]);
  const out: AuditEntry[] = [];
  for (const [k, list] of byDoc) {
    if (new Set(list.map((a) => a.agencyId)).size < 2) continue;
    out.push(
      open(
        {
          kind: 'shared-document',
          state: list[0]?.state ?? null,
          subjects: list.map((a) => a.agreementId),
          evidence: `${k.slice(k.indexOf('|') + 1)} linked by ${list.map((a) => `"${a.name}" (${a.status}, signed ${a.signed ?? 'blank'})`).join(' and ')}`,
          suggestion:
            'read the PDF: the agency it names keeps it; report the wrong link on the other row to ICE',
        },
        'different labels and signed dates: the document alone does not make them one agreement',
      ),
    );
  }
  return out;
}

/** Rows that repeat another row's agreement (counted once by the fold's rule), one entry per agency and agreement. */
export function duplicateRows(input: AuditInput): AuditEntry[] {
  const groups = new Map<
    string,
    { first: string; last: string; n: number; name: string | null; state: string | null }
  >();
  for (const p of input.publications)
    for (const d of p.duplicates) {
      const k = `${d.agencyId}|${d.agreementId ?? ''}`;
      const state = p.agencies.find(([id]) => id === d.agencyId)?.[1] ?? null;
      const g = groups.get(k);
      if (g) {
        g.n++;
        if (p.date < g.first) g.first = p.date;
        if (p.date > g.last) g.last = p.date;
      } else groups.set(k, { first: p.date, last: p.date, n: 1, name: d.name, state });
    }
  return [...groups].map(([k, g]) => ({
    kind: 'duplicate-row' as const,
    state: g.state,
    subjects: k.split('|').filter((s) => s !== ''),
    evidence: `"${g.name}" printed an agreement already on the list in ${g.n} list(s), ${g.first} to ${g.last}`,
    suggestion: 'nothing: the row is counted once',
    resolvedBy:
      'rule: a row with the same state, model and document (and signed date or label) is counted once',
    reason: null,
  }));
}

/** The kind of multi-county body an agency's name makes it (geography/name-parser.ts), or null. */
function multiCountyKind(p: AuditPlacement): string | null {
  const inputs = p.inputs as { parsed?: { pattern?: unknown } } | null | undefined;
  const pattern = typeof inputs?.parsed?.pattern === 'string' ? inputs.parsed.pattern : null;
  if (pattern && MULTI_COUNTY_KINDS.includes(pattern)) return pattern;
  return p.level === 'multi-county' ? (pattern ?? 'multi-county') : null;
}
const MULTI_COUNTY_KINDS = ['regional-jail', 'judicial-circuit', 'multi-county-task-force'];

/**
 * The fix of an unplaced agency: a multi-county body (regional or district jail, jail authority, judicial circuit
 * or its prosecutor, multi-county task force) gets its member counties in the membership file; any other agency an
 * override.
 */
function placementFix(p: AuditPlacement): string {
  const kind = multiCountyKind(p);
  if (!kind) return 'a row in src/reference/geography-overrides.csv with its evidence';
  return `a row in src/reference/multi-county-members.csv (agency_id ${p.agencyId}, state ${p.state}, kind ${kind}, the FIPS codes of every member county, and the statute or the body's own site quoted), not in geography-overrides.csv: a body serving several counties is placed in each member county`;
}

export function unplaced(input: AuditInput): AuditEntry[] {
  return input.placements
    .filter((p) => p.method === 'unplaced')
    .map((p) =>
      open(
        {
          kind: 'unplaced',
          state: p.state,
          subjects: [p.agencyId],
          evidence: `"${p.name}": ${p.reason ?? 'no jurisdiction found'}`,
          suggestion: placementFix(p),
        },
        p.reason ?? 'no placement rule applies',
      ),
    );
}

/** Every entry, by kind then state. */
export function identityAudit(input: AuditInput): AuditEntry[] {
  const all = [
    ...removalsAndAdditions(input),
    ...removalsBesideDuplicateRows(input),
    ...nearDuplicateNames(input),
    ...signedAfterListing(input),
    ...onePublicationOnly(input),
    ...sharedDocuments(input),
    ...refiledDocuments(input.agreements, input.documents ?? []),
    ...duplicateRows(input),
    ...unplaced(input),
  ];
  const order = (k: AuditKind) => AUDIT_KINDS.indexOf(k);
  return all.sort(
    (a, b) =>
      order(a.kind) - order(b.kind) ||
      (a.state ?? '').localeCompare(b.state ?? '') ||
      a.evidence.localeCompare(b.evidence),
  );
}
