/**
 * The history as a fold over publications in as-of order, with a compact state that can be saved in the ledger
 * and resumed: a full rebuild folds every publication from an empty state; a new publication later than all
 * applied ones is folded into the saved state (incremental ingest). `finalize` derives agreements, events and
 * names from the state; it is cheap, so an incremental ingest finalizes before and after and writes only the
 * difference. Both paths run the same code, and a test checks they give the same ledger.
 *
 * Rules (docs/history.md): an agreement is one agency × one model; missing from one or two consecutive
 * publications of a list is a gap, missing from REMOVAL_CONFIRM it is removed; a pending agreement that leaves
 * the pending list for the participating list is signed, not removed; a blank signed date carries the last one.
 * An agreement follows its document (identify/documents.ts): a row of a participating list with the same MOA or
 * addendum file, model and signed date as an agreement that left the list in the same diff is that agreement under
 * a new label. When the old label left the list altogether, the resolver makes the new label a new name of the same
 * agency; when the old label stays listed with other agreements, two labels listed side by side are two agencies
 * (see identify/resolver.ts), so the agreement moves to the new label's agency (`relabel`) and keeps its ID. Either
 * way the history records a `renamed` event with the document, and no removal or addition.
 */

import type {
  AgreementOut,
  AgreementStatus,
  Interval,
  RetiredAgreement,
  SignedEntry,
} from '../domain/agreement.ts';
import type { HistoryEvent } from '../domain/event.ts';
import type { AgencyName } from '../domain/identity.ts';
import { mintAgreementId } from '../domain/ids.ts';
import { type CompactRefs, RefsEncoder, repointRefs } from '../domain/listing-refs.ts';
import type { PubSummary } from '../domain/publication.ts';
import type { ListKind, Model } from '../domain/types.ts';
import {
  documentKeys,
  documentOf,
  matchByDocument,
  sameAgreementRows,
  sharedDocument,
} from '../identify/documents.ts';
import type { Appearing, Resolver, Seen } from '../identify/resolver.ts';
import { documentName } from '../normalize/link.ts';
import { type DatePolicy, IMPLAUSIBLE } from './date-plausibility.ts';
import {
  type AgencyRow,
  type AppliedPub,
  agencyEvents,
  agreementEvents,
  type RawAgencyEvent,
  rawAgencyEvents,
  relabelAdded,
  type Signed,
} from './events.ts';
import { Gate, type GateInput, type KnownBad, type PublicationStatus } from './gate.ts';
import { type LinkEvidence, pendingByDocument, pendingDocuments, standIns } from './signing-link.ts';
import { type FoldRow, type PubIn, REMOVAL_CONFIRM } from './types.ts';

/** [first applied index, last applied index, gaps inside]. */
type Span = [number, number, number];

interface LastListing {
  state: string;
  name: string;
  moaUrl: string | null;
  addendumUrl: string | null;
}

export interface Track {
  agreementId: string;
  agencyId: string;
  model: Model;
  /** 0 for an agency's first agreement of a model; +1 for each re-signing that superseded the previous one. */
  generation: number;
  supersedes: string | null;
  supersededBy: string | null;
  /** Why this agreement is a new signing of its agency and model (see `nextSigning`); absent for the first. */
  signing?: Signing;
  /** The agreement of the same agency and model before this one, when it was removed before this one was listed. */
  follows?: string;
  spans: Record<ListKind, Span[]>;
  last: Record<ListKind, LastListing | null>;
  signedHistory: SignedEntry[];
  secondaryOnly: boolean;
  /** Set once the agreement moved to another agency's label (its ID is then not the one minted for that agency). */
  relabelled?: true;
}

/**
 * An agency as listed in the last list of a kind: its first row (for rename and move events) and every model
 * and signed date it was listed with (for identity: what left the list).
 */
interface LastAgency extends AgencyRow {
  models: Model[];
  signed: string[];
  /** Identity keys of its rows (identify/documents.ts). */
  documents: string[];
  /** Every matching key it is listed under (two spellings in one list are no rename). */
  keys?: string[];
}

export interface FoldState {
  version: 1;
  /** Hash of the reviewed files the fold depends on; a change forces a full rebuild. */
  reference: string;
  /** Largest as-of folded (publications must come later to be folded incrementally). */
  lastAsOf: string;
  lastGood: Partial<Record<ListKind, GateInput>>;
  applied: Record<ListKind, AppliedPub[]>;
  last: Record<ListKind, [string, LastAgency][]>;
  tracks: Track[];
  agencyEvents: RawAgencyEvent[];
  names: AgencyName[];
  /** Every decided (state|matching key) → agency id, so an incremental ingest needs no identity lookup. */
  keys: Record<string, string>;
  /** Every agency: [id, state, matching key, first name, first seen, merged into]. */
  agencies: [string, string, string, string, string, string | null][];
}

/** A row that prints an agreement already printed on another row of the same list (counted once). */
export interface DuplicateRow {
  publication: number;
  date: string;
  /** Worksheet rows: the duplicate and the row it repeats. */
  row: number;
  of: number;
  name: string;
  ofName: string;
  agreementId: string;
  /** The document file both rows print. */
  document: string;
}

export interface FoldStep {
  /** Rows printing another row's agreement under another label, per applied publication (see sameAgreementRows). */
  duplicates: DuplicateRow[];
  statuses: Map<number, { status: PublicationStatus; reason: string | null }>;
  summaries: Map<number, PubSummary>;
  /** Per publication, the agency and agreement of every row (see domain/listing-refs.ts). */
  refs: Map<number, CompactRefs>;
  /**
   * Rows already placed under an agreement that another one absorbed (a stand-in label): those of `refs` are
   * pointed at the survivor here; stored ones of earlier runs are pointed by the caller (store/repointStoredRefs).
   */
  repoints: Repoint[];
}

/** The rows of an agency and model listed on lists of a kind from `from` until before `until`: now `agreementId`'s. */
export interface Repoint {
  kind: ListKind;
  from: string;
  until: string;
  agencyId: string;
  model: Model;
  agreementId: string;
}

export interface Finalized {
  /**
   * Set when only what may have changed since the fold was resumed was derived (incremental ingest): the
   * agreements of agencies touched, their events, every agency event (new ones are those of `publications`),
   * and the names whose stored form changed; `absorbed`: agreements another one absorbed (a stand-in label),
   * whose stored rows and events go.
   */
  partial: { publications: Set<number>; names: AgencyName[]; absorbed: string[] } | null;
  /** Agreement IDs the fold retired (absorbed by another), since it was resumed: all of them in a full fold. */
  retired: RetiredAgreement[];
  /** The latest sighting of each list (the last applied publication, or a later re-save of it). */
  current: Record<ListKind, { id: number; date: string } | null>;
  agreements: AgreementOut[];
  events: HistoryEvent[];
  names: AgencyName[];
}

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
/** ISO dates compare as strings. */
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

function newestSigned(rows: FoldRow[]): string | null {
  let newest: string | null = null;
  for (const l of rows) if (l.signed && (newest === null || l.signed > newest)) newest = l.signed;
  return newest;
}

export function byAsOf(a: PubIn, b: PubIn): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id - b.id;
}

export function emptyState(reference: string): FoldState {
  return {
    version: 1,
    reference,
    lastAsOf: '',
    lastGood: {},
    applied: { participating: [], pending: [] },
    last: { participating: [], pending: [] },
    tracks: [],
    agencyEvents: [],
    names: [],
    keys: {},
    agencies: [],
  };
}

/**
 * The map keys of a fold row, made once per row object: alike rows share one object (history/fold-rows.ts), so a
 * full rebuild builds a few thousand key strings instead of several per row (~190,000 rows).
 */
interface RowKeys {
  /** `state|agency key` (identity decisions). */
  stateKey: string;
  /** `state|agency key|model` (a publication's distinct agreements, as listed). */
  agreement: string;
  /** The agency the row was last resolved to, and its agreement and name keys. */
  agencyId: string;
  track: string;
  name: string;
  /** Identity keys of the row's documents (participating rows only; made when first asked). */
  documents?: string[];
  /** `state|model|file name` of each document the row links (duplicate rows; made when first asked). */
  sameDocument?: string[];
}
const rowKeys = new WeakMap<FoldRow, RowKeys>();

/** The identity keys of a row's documents (identify/documents.ts), made once per row object. */
function docsOf(l: FoldRow): string[] {
  const k = keysOf(l);
  k.documents ??= documentKeys(l);
  return k.documents;
}

/** The `state|model|file name` keys of a row's documents (none without a state and model), made once per row. */
function sameDocumentKeys(l: FoldRow): string[] {
  const k = keysOf(l);
  if (k.sameDocument) return k.sameDocument;
  const out: string[] = [];
  if (l.model && l.state)
    for (const url of [l.moaUrl, l.addendumUrl]) {
      const d = documentName(url);
      if (d && !out.includes(`${l.state}|${l.model}|${d}`)) out.push(`${l.state}|${l.model}|${d}`);
    }
  k.sameDocument = out;
  return out;
}

function keysOf(l: FoldRow, agencyId = ''): RowKeys {
  let k = rowKeys.get(l);
  if (!k) {
    k = {
      stateKey: `${l.state}|${l.agencyKey}`,
      agreement: `${l.state}|${l.agencyKey}|${l.model ?? ''}`,
      agencyId: '',
      track: '',
      name: '',
    };
    rowKeys.set(l, k);
  }
  if (agencyId && k.agencyId !== agencyId) {
    k.agencyId = agencyId;
    k.track = `${agencyId}|${l.model}`;
    k.name = `${agencyId}|${l.state}|${l.agencyName}`;
  }
  return k;
}

export class HistoryFold {
  private readonly gate: Gate;
  private readonly tracks = new Map<string, Track>();
  private readonly names = new Map<string, AgencyName>();
  private readonly last: Record<ListKind, Map<string, LastAgency>>;
  /** Tracks whose stored row may have changed since the fold was resumed (incremental ingest). */
  readonly dirty = new Set<string>();
  /** Each name touched since the fold was resumed, with its last_seen before ('' for a new name). */
  private readonly namesBefore = new Map<string, string>();
  /** Publications folded since the fold was resumed (quarantined ones excluded). */
  private readonly folded = new Set<number>();
  private readonly latestBefore: string;
  /** IDs of agreements that moved to another agency's label (never minted again for their first agency). */
  private readonly movedIds = new Set<string>();
  /** Rows to point at the agreement that absorbed theirs, since the last `apply` (see FoldStep). */
  private readonly repoints: Repoint[] = [];
  /** Agreements absorbed by another since the fold was resumed (see completeStandIn). */
  private readonly absorbed: RetiredAgreement[] = [];
  /** Agencies the resolver tied to a new label by a document in the publication being folded → the document. */
  private byDocument: ReadonlyMap<string, string> = new Map();

  constructor(
    private readonly state: FoldState,
    private readonly resolver: Resolver,
    knownBad: readonly KnownBad[],
    /** Record which agreements may change (incremental ingest); a full rebuild derives them all anyway. */
    private readonly trackDirty = false,
    /** How publication dates are judged (gate.ts); null: they are not. */
    dates: DatePolicy | null = null,
  ) {
    this.gate = new Gate(knownBad, state.lastGood, dates);
    for (const t of state.tracks) {
      if (!t.supersededBy) this.tracks.set(`${t.agencyId}|${t.model}`, t);
      if (t.relabelled) this.movedIds.add(t.agreementId);
    }
    for (const n of state.names) this.names.set(`${n.agency_id}|${n.state}|${n.name}`, n);
    this.last = { participating: new Map(state.last.participating), pending: new Map(state.last.pending) };
    this.latestBefore = latestSighting(state);
  }

  /** Folds publications (sorted here by as-of). */
  apply(pubs: PubIn[]): FoldStep {
    const step: FoldStep = {
      duplicates: [],
      statuses: new Map(),
      summaries: new Map(),
      refs: new Map(),
      repoints: [],
    };
    for (const pub of [...pubs].sort(byAsOf)) this.applyOne(pub, step);
    step.repoints = this.repoints.splice(0);
    for (const r of step.repoints)
      for (const pub of pubs) {
        const c = step.refs.get(pub.id);
        if (c && pub.kind === r.kind && pub.asOfDate >= r.from && pub.asOfDate < r.until)
          repointRefs(c, r.agencyId, r.model, r.agreementId);
      }
    return step;
  }

  private applyOne(pub: PubIn, step: FoldStep): void {
    const state = this.state;
    const listed = pub.listings.filter((l) => l.state && l.agencyKey);
    step.summaries.set(pub.id, summarize(listed));
    const g = this.gate.check({
      id: pub.id,
      sha256: pub.sha256,
      kind: pub.kind,
      asOfDate: pub.asOfDate,
      rows: listed.length,
      contentHash: pub.contentHash,
      newestSigned: newestSigned(listed),
    });
    step.statuses.set(pub.id, g);
    // A misdated list does not move the fold's clock (a list "of 5025" would make every later ingest a rebuild).
    if (!g.reason?.startsWith(IMPLAUSIBLE)) state.lastAsOf = later(pub.asOf, state.lastAsOf);
    // Each row's agency and agreement, encoded as they are placed (no object per row).
    const refs = new RefsEncoder();
    if (g.status === 'quarantined') {
      pub.listings.forEach((l, i) => {
        refRow(refs, pub, i, l, null, null, false);
      });
      step.refs.set(pub.id, refs.done());
      return;
    }
    this.folded.add(pub.id);
    const applied = state.applied[pub.kind];
    const isNew = g.status === 'ok';
    const lenBefore = applied.length;
    // A duplicate-content publication confirms the listings of the last applied list on its own date.
    const pubIndex = isNew ? lenBefore : Math.max(0, lenBefore - 1);
    const { seenNow, seenAgreement, duplicates } = this.foldListings(
      pub,
      refs,
      pubIndex,
      isNew ? lenBefore - 1 : pubIndex,
    );
    step.duplicates.push(...duplicates);
    const summary = step.summaries.get(pub.id);
    if (summary) summary.agreements -= duplicates.length;
    if (isNew && this.trackDirty) this.markAbsent(pub.kind, seenAgreement, lenBefore);
    this.closeList(pub, isNew, seenNow);
    step.refs.set(pub.id, refs.done());
  }

  /**
   * Folds the rows of an applied publication: each row's agency, name and agreement. `pubIndex`: the index of
   * the publication among the applied lists of its kind; `currentIndex`: the index a span that is still current
   * ends at.
   */
  private foldListings(
    pub: PubIn,
    refs: RefsEncoder,
    pubIndex: number,
    currentIndex: number,
  ): { seenNow: Map<string, LastAgency>; seenAgreement: Set<string>; duplicates: DuplicateRow[] } {
    const ids = this.identify(pub);
    if (pubIndex > currentIndex) this.relabel(pub, ids, currentIndex);
    const seenNow = new Map<string, LastAgency>();
    const seenAgreement = new Set<string>();
    const dupOf = pub.kind === 'participating' ? this.duplicateRows(pub, ids) : new Map<number, number>();
    const duplicates: DuplicateRow[] = [];
    for (let i = 0; i < pub.listings.length; i++) {
      const l = pub.listings[i] as FoldRow;
      const agencyId = l.state && l.agencyKey ? (ids.get(keysOf(l).stateKey) ?? null) : null;
      if (!agencyId) {
        refRow(refs, pub, i, l, null, null, false);
        continue;
      }
      noteAgency(seenNow, agencyId, l);
      this.addName(agencyId, l, pub.asOfDate);
      if (!l.model) {
        refRow(refs, pub, i, l, agencyId, null, false);
        continue;
      }
      const primary = dupOf.get(i);
      if (primary !== undefined) {
        const d = this.duplicateOf(pub, i, primary, ids);
        refRow(refs, pub, i, l, agencyId, d?.track ?? null, true);
        if (d) duplicates.push(d.row);
        continue;
      }
      const key = keysOf(l, agencyId).track;
      let t = this.track(key, agencyId, l.model);
      if (!seenAgreement.has(key)) t = this.nextSigning(t, key, pub, l, pubIndex);
      if (seenAgreement.has(key)) {
        refRow(refs, pub, i, l, agencyId, t, true);
        continue;
      }
      seenAgreement.add(key);
      refRow(refs, pub, i, l, agencyId, t, false);
      this.listAgreement(t, key, pub, l, pubIndex, currentIndex);
    }
    return { seenNow, seenAgreement, duplicates };
  }

  /**
   * Rows of a participating list that print the agreement of another row under another label
   * (identify/documents.ts, sameAgreementRows): row index → the index of the row counted. The row counted is the
   * one whose agency already holds the agreement, else the first in the list.
   */
  private duplicateRows(pub: PubIn, ids: Map<string, string>): Map<number, number> {
    const out = new Map<number, number>();
    // The first row of each document key, and the rows of keys printed more than once (nearly always none).
    const firstOf = new Map<string, number>();
    const byDoc = new Map<string, number[]>();
    for (let i = 0; i < pub.listings.length; i++) {
      const l = pub.listings[i] as FoldRow;
      if (!l.model || !l.state || !l.agencyKey || !ids.has(keysOf(l).stateKey)) continue;
      for (const k of sameDocumentKeys(l)) {
        const first = firstOf.get(k);
        if (first === undefined) firstOf.set(k, i);
        else if (first !== i) byDoc.set(k, [...(byDoc.get(k) ?? [first]), i]);
      }
    }
    if (byDoc.size === 0) return out;
    // In the order of each key's first row, as the rows are listed.
    for (const k of firstOf.keys()) {
      const rows = byDoc.get(k);
      if (!rows) continue;
      const held = rows.find((i) => this.holds(pub.listings[i] as FoldRow, ids));
      const first = held ?? (rows[0] as number);
      for (const i of rows)
        if (i !== first && !out.has(i) && !out.has(first))
          if (sameAgreementRows(pub.listings[first] as FoldRow, pub.listings[i] as FoldRow))
            out.set(i, first);
    }
    return out;
  }

  /** Whether the row's agency already holds a listed agreement of the row's model. */
  private holds(l: FoldRow, ids: Map<string, string>): boolean {
    const agencyId = ids.get(keysOf(l).stateKey);
    const t = agencyId ? this.tracks.get(keysOf(l, agencyId).track) : undefined;
    return !!t && t.spans.participating.length > 0;
  }

  /** The agreement a duplicate row repeats (that of the row counted), and the flag for the report. */
  private duplicateOf(
    pub: PubIn,
    i: number,
    primary: number,
    ids: Map<string, string>,
  ): { track: Track; row: DuplicateRow } | null {
    const l = pub.listings[i] as FoldRow;
    const p = pub.listings[primary] as FoldRow;
    const agencyId = ids.get(keysOf(p).stateKey);
    if (!agencyId || !p.model) return null;
    const track = this.track(keysOf(p, agencyId).track, agencyId, p.model);
    const row: DuplicateRow = {
      publication: pub.id,
      date: pub.asOfDate,
      row: pub.rows[i] as number,
      of: pub.rows[primary] as number,
      name: l.agencyName ?? '',
      ofName: p.agencyName ?? '',
      agreementId: track.agreementId,
      document: sharedDocument(l, p) ?? '',
    };
    return { track, row };
  }

  /**
   * Agreements that left the participating list in this diff and come back on a row of another agency's label
   * with the same document, model and signed date: each moves to that agency, keeping its ID (see the header).
   * `previous`: the index of the last applied list.
   */
  private relabel(pub: PubIn, ids: Map<string, string>, previous: number): void {
    if (pub.kind !== 'participating' || previous < 0) return;
    const arriving = new Map<string, FoldRow>();
    // Rows of agreements first listed as signed now: new, or pending until now (then linked by document, by stand-in).
    const signing = new Map<string, FoldRow>();
    for (const l of pub.listings) {
      const key = this.trackKey(l, ids);
      const t = key ? this.tracks.get(key) : undefined;
      if (!key || (t && !pendingOnly(t))) continue;
      if (!signing.has(key)) signing.set(key, l);
      if (!t && !arriving.has(key) && docsOf(l).length > 0) arriving.set(key, l);
    }
    // Nearly always every agreement listed now was listed before: nothing to link.
    if (signing.size === 0) return;
    const rows: [FoldRow, string][] = [];
    for (const l of pub.listings) {
      const key = this.trackKey(l, ids);
      if (key) rows.push([l, key]);
    }
    const present = new Set(rows.map(([, key]) => key));
    const leaving: Track[] = [];
    for (const [key, t] of this.tracks) {
      const span = t.spans.participating[t.spans.participating.length - 1];
      if (span?.[1] === previous && !present.has(key) && !t.supersededBy) leaving.push(t);
    }
    const used = this.relabelByDocument(pub, rows, arriving, leaving);
    for (const key of used.keys) signing.delete(key);
    this.linkSignings(
      pub,
      signing,
      leaving.filter((t) => !used.tracks.has(t)),
    );
  }

  /** The agreement key (`agency|model`) of a row with a model and a resolved agency, else null. */
  private trackKey(l: FoldRow, ids: Map<string, string>): string | null {
    const agencyId = l.model && l.state && l.agencyKey ? ids.get(keysOf(l).stateKey) : undefined;
    return agencyId ? keysOf(l, agencyId).track : null;
  }

  /** Arriving rows that print the document of an agreement that left (see the header); the keys and tracks used. */
  private relabelByDocument(
    pub: PubIn,
    rows: [FoldRow, string][],
    arriving: Map<string, FoldRow>,
    leaving: Track[],
  ): { keys: Set<string>; tracks: Set<Track> } {
    const used = { keys: new Set<string>(), tracks: new Set<Track>() };
    if (arriving.size === 0) return used;
    // Nearly always no arriving row prints a leaving agreement's document: tell that before anything else.
    const leavingKeys = new Set(leaving.flatMap(trackDocuments));
    if (![...arriving.values()].some((l) => docsOf(l).some((d) => leavingKeys.has(d)))) return used;
    const shared = sharedDocuments(rows, arriving);
    for (const [key, l] of arriving) {
      const free = leaving.filter((t) => !used.tracks.has(t));
      const hit = matchByDocument(docsOf(l), free, trackDocuments, shared);
      if (!hit) continue;
      used.tracks.add(hit.match);
      used.keys.add(key);
      this.moveTrack(hit.match, key, l, pub, documentOf(hit.key));
    }
    return used;
  }

  /**
   * Agreements signed now that the document links to another label (history/signing-link.ts): a pending agreement
   * whose pending row printed the arriving row's document moves to the arriving label; an agreement listed without
   * a document under a stand-in label is completed by the arriving row with its document.
   */
  private linkSignings(pub: PubIn, signing: Map<string, FoldRow>, leaving: Track[]): void {
    const pending: { track: Track; documents: string[] }[] = [];
    for (const t of this.tracks.values()) {
      const p = t.last.pending;
      if (pendingOnly(t) && p && (p.moaUrl || p.addendumUrl))
        pending.push({ track: t, documents: pendingDocuments(t.model, p.moaUrl, p.addendumUrl) });
    }
    const byDocument = pendingByDocument(signing, (key) => !this.tracks.has(key), pending);
    for (const [key, t] of byDocument) {
      const l = signing.get(key) as FoldRow;
      signing.delete(key);
      this.moveTrack(t, key, l, pub, documentName(l.moaUrl ?? l.addendumUrl) ?? '', 'pending-document');
    }
    const bare = standIns(
      signing,
      leaving.map((t) => ({
        track: t,
        state: t.last.participating?.state ?? '',
        county: this.last.participating.get(t.agencyId)?.county ?? null,
        model: t.model,
        signed: t.signedHistory[t.signedHistory.length - 1]?.corrected ?? null,
        documented: !!(t.last.participating?.moaUrl || t.last.participating?.addendumUrl),
        chained: !!(t.supersedes || t.follows || t.relabelled),
      })),
    );
    for (const [key, t] of bare) this.completeStandIn(t, key, signing.get(key) as FoldRow, pub);
  }

  /**
   * A stand-in (history/signing-link.ts) completed by the row with its document: the agreement moves to the row's
   * label; when that label's agreement was pending, the pending agreement takes over the stand-in's listings.
   */
  private completeStandIn(s: Track, key: string, l: FoldRow, pub: PubIn): void {
    const p = this.tracks.get(key);
    const document = documentName(l.moaUrl ?? l.addendumUrl) ?? '';
    if (!p) {
      this.moveTrack(s, key, l, pub, document, 'stand-in');
      return;
    }
    p.spans.participating = s.spans.participating;
    p.signedHistory = s.signedHistory;
    p.last.participating = s.last.participating;
    p.secondaryOnly = p.secondaryOnly && s.secondaryOnly;
    const oldKey = `${s.agencyId}|${s.model}`;
    this.tracks.delete(oldKey);
    this.state.tracks.splice(this.state.tracks.indexOf(s), 1);
    this.movedIds.add(s.agreementId);
    this.repointAbsorbed(s, p, pub);
    this.absorbed.push(absorbedBy(s, p, l, pub, document));
    this.pushRenamed(p, s, l, pub, document, 'stand-in');
    if (this.trackDirty) {
      this.dirty.add(oldKey);
      this.dirty.add(key);
    }
  }

  /**
   * The rows listed under `s` before `pub`, on each list it was on, now name `p` (no ref names an agreement that
   * no longer exists).
   */
  private repointAbsorbed(s: Track, p: Track, pub: PubIn): void {
    for (const kind of ['participating', 'pending'] as const) {
      const first = s.spans[kind][0];
      const from = first && this.state.applied[kind][first[0]]?.asOfDate;
      if (from)
        this.repoints.push({
          kind,
          from,
          until: pub.asOfDate,
          agencyId: s.agencyId,
          model: s.model,
          agreementId: p.agreementId,
        });
    }
  }

  /** Moves an agreement to the agency of a new label, with a `renamed` event that names the document. */
  private moveTrack(
    t: Track,
    key: string,
    l: FoldRow,
    pub: PubIn,
    document: string,
    evidence?: LinkEvidence,
  ): void {
    const oldKey = `${t.agencyId}|${t.model}`;
    const agencyId = key.slice(0, key.lastIndexOf('|'));
    this.pushRenamed({ agreementId: t.agreementId, agencyId, model: t.model }, t, l, pub, document, evidence);
    this.tracks.delete(oldKey);
    t.agencyId = agencyId;
    t.relabelled = true;
    this.movedIds.add(t.agreementId);
    this.tracks.set(key, t);
    if (this.trackDirty) {
      this.dirty.add(oldKey);
      this.dirty.add(key);
    }
  }

  /** The `renamed` event of agreement `to` taking over the listings of `from` under the label of row `l`. */
  private pushRenamed(
    to: Pick<Track, 'agreementId' | 'agencyId' | 'model'>,
    from: Track,
    l: FoldRow,
    pub: PubIn,
    document: string,
    evidence?: LinkEvidence,
  ): void {
    const fromName = from.last.participating?.name ?? from.last.pending?.name ?? '';
    const toName = l.agencyName ?? '';
    this.state.agencyEvents.push({
      kind: 'renamed',
      list: 'participating',
      agencyId: to.agencyId,
      agreementId: to.agreementId,
      date: pub.asOfDate,
      publication: pub.id,
      details: {
        from: fromName,
        to: toName,
        document,
        fromAgency: from.agencyId,
        model: to.model,
        ...(evidence ? { evidence } : {}),
      },
      extra: `${to.agreementId}|${fromName}>${toName}`,
    });
  }

  /** An agreement listed in an applied publication: its span, latest listing, signed dates and source. */
  private listAgreement(
    t: Track,
    key: string,
    pub: PubIn,
    l: FoldRow,
    pubIndex: number,
    currentIndex: number,
  ): void {
    const span = t.spans[pub.kind][t.spans[pub.kind].length - 1];
    // Still current: it ended in the last applied list (a re-save keeps the same list current).
    const wasCurrent = span !== undefined && span[1] === currentIndex;
    // What of the track a listing can change besides its span: latest listing, signed dates, source.
    const last = t.last[pub.kind];
    const signedBefore = t.signedHistory.length;
    const secondaryBefore = t.secondaryOnly;
    extend(t.spans[pub.kind], pubIndex);
    // Nearly always listed as before: the last listing is replaced only when it changed (so a changed one is
    // another object).
    if (
      !last ||
      last.state !== l.state ||
      last.name !== (l.agencyName ?? '') ||
      last.moaUrl !== l.moaUrl ||
      last.addendumUrl !== l.addendumUrl
    )
      t.last[pub.kind] = {
        state: l.state as string,
        name: l.agencyName ?? '',
        moaUrl: l.moaUrl,
        addendumUrl: l.addendumUrl,
      };
    if (pub.source === 'ice-workbook') t.secondaryOnly = false;
    if (pub.kind === 'participating') recordSigned(t, pub, l);
    if (
      this.trackDirty &&
      (!wasCurrent ||
        t.last[pub.kind] !== last ||
        t.signedHistory.length !== signedBefore ||
        t.secondaryOnly !== secondaryBefore)
    )
      this.dirty.add(key);
  }

  /** Agreements absent from a new list may change: they stop being current, or are now removed. */
  private markAbsent(kind: ListKind, seenAgreement: Set<string>, lenBefore: number): void {
    for (const [key, t] of this.tracks) {
      if (seenAgreement.has(key)) continue;
      const span = t.spans[kind][t.spans[kind].length - 1];
      // Absent now: it stops being current, or it has now missed enough lists to be removed.
      if (span && (span[1] === lenBefore - 1 || lenBefore - span[1] === REMOVAL_CONFIRM)) this.dirty.add(key);
    }
  }

  /** Records the publication among the applied lists of its kind (a re-save moves the last one's sighting). */
  private closeList(pub: PubIn, isNew: boolean, seenNow: Map<string, LastAgency>): void {
    const applied = this.state.applied[pub.kind];
    if (isNew) {
      const previous = applied[applied.length - 1];
      if (previous)
        this.state.agencyEvents.push(
          ...rawAgencyEvents(
            pub.kind,
            { id: pub.id, asOfDate: pub.asOfDate },
            this.last[pub.kind],
            seenNow,
            this.byDocument,
          ),
        );
      applied.push({ id: pub.id, asOfDate: pub.asOfDate, sightingId: pub.id, sightingDate: pub.asOfDate });
    } else {
      const last = applied[applied.length - 1];
      if (last) {
        last.sightingId = pub.id;
        last.sightingDate = pub.asOfDate;
      }
    }
    this.last[pub.kind] = seenNow;
  }

  /** Agency for every (state, key) of a publication; unknown names are matched against what left the list. */
  private identify(pub: PubIn): Map<string, string> {
    this.byDocument = new Map();
    const ids = new Map<string, string>();
    const unknown = new Map<string, Appearing>();
    const present = new Set<string>();
    for (const l of pub.listings) {
      if (!l.state || !l.agencyKey) continue;
      const k = keysOf(l).stateKey;
      if (ids.has(k)) continue;
      const id = this.resolver.knownKey(k);
      if (id) {
        ids.set(k, id);
        present.add(id);
        continue;
      }
      const a = unknown.get(k) ?? {
        state: l.state,
        key: l.agencyKey,
        name: l.agencyName ?? '',
        models: new Set(),
        signed: new Set(),
        county: l.county,
      };
      if (l.model) a.models.add(l.model);
      if (l.signed) a.signed.add(l.signed);
      const docs = docsOf(l);
      if (docs.length > 0) a.documents = new Set([...(a.documents ?? []), ...docs]);
      unknown.set(k, a);
    }
    if (unknown.size > 0) {
      const gone: Seen[] = [];
      for (const [agencyId, s] of this.last[pub.kind])
        if (!present.has(agencyId))
          gone.push({
            agencyId,
            state: s.state as string,
            key: s.agencyKey as string,
            name: s.agencyName ?? '',
            models: new Set(s.models),
            signed: new Set(s.signed),
            documents: new Set(s.documents),
            county: s.county,
          });
      const staying = this.stayingDocuments(pub, ids, unknown, gone);
      const found = this.resolver.resolve(
        [...unknown.values()],
        gone,
        pub.asOfDate,
        pub.kind === 'participating',
        present,
        staying,
      );
      for (const [k, id] of found) ids.set(k, id);
      this.byDocument = new Map(this.resolver.byDocumentNow);
    }
    return ids;
  }

  /**
   * Documents printed on rows of agencies that stay listed (they tell no arriving name apart); empty when no
   * arriving name shares a document with an agency that left, as nearly always (then no document can decide).
   */
  private stayingDocuments(
    pub: PubIn,
    ids: Map<string, string>,
    unknown: Map<string, Appearing>,
    gone: Seen[],
  ): Set<string> {
    const staying = new Set<string>();
    const left = new Set(gone.flatMap((g) => [...(g.documents ?? [])]));
    if (![...unknown.values()].some((a) => [...(a.documents ?? [])].some((d) => left.has(d)))) return staying;
    for (const l of pub.listings)
      if (l.state && l.agencyKey && ids.has(keysOf(l).stateKey))
        for (const d of docsOf(l)) staying.add(documentOf(d));
    return staying;
  }

  /**
   * The agreement a row of an agency and model belongs to: `t`, or a new signing (see `signingOf`). A re-signing
   * supersedes `t` from this publication on; a signing after `t` was removed only follows it.
   */
  private nextSigning(t: Track, key: string, pub: PubIn, l: FoldRow, pubIndex: number): Track {
    const signing = signingOf(t, pub.kind, l, pubIndex, this.state.applied.participating.length);
    if (!signing) return t;
    const next = this.track(key, t.agencyId, t.model, t, signing !== 'lapse');
    next.signing = signing;
    if (signing === 'lapse') next.follows = t.agreementId;
    else t.supersededBy = next.agreementId;
    if (this.trackDirty) this.dirty.add(key);
    return next;
  }

  private track(key: string, agencyId: string, model: Model, after?: Track, supersedes = true): Track {
    let t = after ? undefined : this.tracks.get(key);
    if (!t) {
      let generation = after ? after.generation + 1 : 0;
      let agreementId = mintAgreementId(agencyId, model, generation);
      // An agreement that moved away with its document keeps the ID minted here: a new one takes the next free one.
      while (this.movedIds.has(agreementId)) agreementId = mintAgreementId(agencyId, model, ++generation);
      t = {
        agreementId,
        agencyId,
        model,
        generation,
        supersedes: (supersedes && after?.agreementId) || null,
        supersededBy: null,
        spans: { participating: [], pending: [] },
        last: { participating: null, pending: null },
        signedHistory: [],
        secondaryOnly: true,
      };
      this.tracks.set(key, t);
      this.state.tracks.push(t);
    }
    return t;
  }

  private addName(agencyId: string, l: FoldRow, date: string): void {
    if (!l.agencyName || !l.state) return;
    const nk = keysOf(l, agencyId).name;
    const n = this.names.get(nk);
    if (this.trackDirty && !this.namesBefore.has(nk)) this.namesBefore.set(nk, n?.last_seen ?? '');
    if (n) n.last_seen = later(date, n.last_seen);
    else {
      const rec = {
        agency_id: agencyId,
        state: l.state,
        name: l.agencyName,
        first_seen: date,
        last_seen: date,
      };
      this.names.set(nk, rec);
      this.state.names.push(rec);
    }
  }

  /** The state to save (plain JSON). */
  snapshot(): FoldState {
    this.state.lastGood = this.gate.lastGoodByKind();
    this.state.last = { participating: [...this.last.participating], pending: [...this.last.pending] };
    this.state.keys = this.resolver.decidedKeys();
    this.state.agencies = this.resolver
      .allAgencies()
      .map((a) => [a.agencyId, a.state, a.key, a.name, a.firstSeen, a.mergedInto]);
    return this.state;
  }

  /** `onlyDirty`: derive only the agreements that may have changed (and every agreement of their agencies). */
  finalize(onlyDirty = false): Finalized {
    let only: Set<string> | undefined;
    if (onlyDirty) {
      const agencies = new Set([...this.dirty].map((k) => k.slice(0, k.lastIndexOf('|'))));
      only = new Set([...this.tracks.keys()].filter((k) => agencies.has(k.slice(0, k.lastIndexOf('|')))));
    }
    const done = finalize(this.snapshot(), (id) => this.resolver.canonical(id), only);
    done.retired = [...this.absorbed];
    if (onlyDirty)
      done.partial = {
        publications: this.folded,
        names: this.changedNames(),
        absorbed: this.absorbed.map((r) => r.agreementId),
      };
    return done;
  }

  /**
   * Names whose stored form changed since the fold was resumed: new names, and names whose `last_seen` went
   * from open-ended (listed in the latest publication) to a date or back (see store/agreements.ts, `nameRow`).
   */
  private changedNames(): AgencyName[] {
    const latestAfter = latestSighting(this.state);
    const stored = (last: string, latest: string) => (last === latest ? null : last);
    const out: AgencyName[] = [];
    for (const [k, n] of this.names) {
      const before = this.namesBefore.get(k);
      if (before === undefined && n.last_seen !== this.latestBefore) continue;
      const was = before === undefined ? n.last_seen : before;
      if (was === '' || stored(was, this.latestBefore) !== stored(n.last_seen, latestAfter))
        out.push({ ...n, agency_id: this.resolver.canonical(n.agency_id) });
    }
    return out;
  }
}

/** Why a stand-in's agreement ID was retired (see HistoryFold.completeStandIn). */
function absorbedBy(s: Track, p: Track, l: FoldRow, pub: PubIn, document: string): RetiredAgreement {
  const name = s.last.participating?.name ?? s.last.pending?.name ?? '';
  return {
    agreementId: s.agreementId,
    into: p.agreementId,
    kind: 'absorbed',
    reason: `the ${s.model} listed under "${name}" without a document (a stand-in label) is the agreement pending under "${l.agencyName ?? ''}", whose row arrived on ${pub.asOfDate} with ${document || 'its document'}`,
    date: pub.asOfDate,
  };
}

/** The date of the latest sighting of any list. */
function latestSighting(state: FoldState): string {
  let d = '';
  for (const list of ['participating', 'pending'] as const) {
    const p = state.applied[list][state.applied[list].length - 1];
    if (p && p.sightingDate > d) d = p.sightingDate;
  }
  return d;
}

/** Encodes one row's agency and agreement (see domain/listing-refs.ts). */
function refRow(
  refs: RefsEncoder,
  pub: PubIn,
  i: number,
  l: FoldRow,
  agencyId: string | null,
  t: Track | null,
  duplicate: boolean,
): void {
  const row = pub.rows[i] as number;
  if (!agencyId) refs.unplaced(row, l.state, l.agencyName);
  else if (!t) refs.placed(row, l.state, l.agencyName, agencyId, null, null, duplicate);
  // An agency's first agreement of a model has the id minted from them both (see domain/listing-refs.ts).
  else
    refs.placed(
      row,
      l.state,
      l.agencyName,
      agencyId,
      t.agreementId,
      l.model,
      duplicate,
      (t.generation === 0 && !t.relabelled && t.agencyId === agencyId) || undefined,
    );
}

/** The identity keys of an agreement as last listed: its model, latest signed date and documents. */
/** An agreement listed only on the pending list so far. */
function pendingOnly(t: Track): boolean {
  return t.spans.participating.length === 0 && t.spans.pending.length > 0 && !t.supersededBy;
}

function trackDocuments(t: Track): string[] {
  const last = t.last.participating;
  if (!last) return [];
  const signed = t.signedHistory[t.signedHistory.length - 1]?.corrected ?? null;
  return documentKeys({ model: t.model, signed, moaUrl: last.moaUrl, addendumUrl: last.addendumUrl });
}

/**
 * Documents (file names) that tell no arriving agreement apart: printed on a row of an agreement that stays
 * listed, or on rows of two arriving agreements.
 */
function sharedDocuments(rows: [FoldRow, string][], arriving: Map<string, FoldRow>): Set<string> {
  const shared = new Set<string>();
  const by = new Map<string, string>();
  for (const [l, key] of rows)
    for (const d of docsOf(l)) {
      const doc = documentOf(d);
      const other = by.get(doc);
      if (!arriving.has(key) || (other !== undefined && other !== key)) shared.add(doc);
      by.set(doc, key);
    }
  return shared;
}

/** Notes an agency as listed now: its first row, and every model and signed date it is listed with. */
function noteAgency(seenNow: Map<string, LastAgency>, agencyId: string, l: FoldRow): void {
  const s = seenNow.get(agencyId);
  if (s) {
    if (l.model && !s.models.includes(l.model)) s.models.push(l.model);
    if (l.signed && !s.signed.includes(l.signed)) s.signed.push(l.signed);
    // `documents` starts as the row's own (shared) list: copied before it grows.
    for (const d of docsOf(l)) if (!s.documents.includes(d)) s.documents = [...s.documents, d];
    if (l.agencyKey && s.agencyKey !== l.agencyKey && !s.keys?.includes(l.agencyKey))
      s.keys = [...(s.keys ?? []), l.agencyKey];
  } else
    seenNow.set(agencyId, {
      state: l.state,
      agencyName: l.agencyName,
      agencyKey: l.agencyKey,
      county: l.county,
      jurisdictionType: l.jurisdictionType,
      models: l.model ? [l.model] : [],
      signed: l.signed ? [l.signed] : [],
      documents: docsOf(l),
    });
}

/** Days a signed date must move forward, while listed, for the listing to count as a re-signing (no document). */
export const RENEWAL_DAYS = 365;

/**
 * Why a row starts a new signing of an agreement's agency and model (docs/history.md, "Re-signing"):
 * - `document`: listed with another signed date and another MOA document than the agreement's last listing;
 * - `gap`: another signed date after the agreement missed one or two lists (still inside the removal rule), when
 *   the documents do not show it is the same MOA;
 * - `date`: another signed date more than RENEWAL_DAYS later while listed, when no document tells;
 * - `lapse`: listed (pending or participating, with another signed date) after the agreement was removed: a new
 *   agreement that does not supersede the removed one (supersession needs continuity).
 */
export type Signing = 'document' | 'gap' | 'date' | 'lapse';

/**
 * Whether a row of `t`'s agency and model starts a new signing, and why (null: it is `t`). The same MOA document
 * with another signed date is a correction of `t`'s date; another document with the same signed date is `t` with
 * its PDF filed again. `parts`: participating lists applied so far.
 */
export function signingOf(
  t: Track,
  kind: ListKind,
  l: FoldRow,
  pubIndex: number,
  parts: number,
): Signing | null {
  const span = t.spans.participating[t.spans.participating.length - 1];
  if (!span) return null;
  // Participating lists missed since the agreement was last listed.
  const missed = kind === 'participating' ? pubIndex - span[1] - 1 : parts - 1 - span[1];
  const removed = missed >= REMOVAL_CONFIRM;
  if (kind === 'pending') return removed ? 'lapse' : null;
  const prev = t.signedHistory[t.signedHistory.length - 1]?.corrected;
  if (!prev || !l.signed || l.signed === prev) return null;
  if (removed) return 'lapse';
  const before = documentName(t.last.participating?.moaUrl);
  const now = documentName(l.moaUrl);
  if (before && now) return before === now ? null : 'document';
  if (missed > 0) return 'gap';
  return l.signed > prev && days(prev, l.signed) > RENEWAL_DAYS ? 'date' : null;
}

/** What a re-signing's event says: why, and the signed date and MOA document of the agreement it supersedes. */
function signingOfTrack(t: Track, byId: Map<string, Track>): Signed | undefined {
  if (!t.signing || !t.supersedes) return undefined;
  const old = byId.get(t.supersedes);
  const last = old?.signedHistory[old.signedHistory.length - 1];
  return {
    evidence: t.signing,
    previousSigned: last?.corrected ?? null,
    previousDocument: documentName(old?.last.participating?.moaUrl),
    document: documentName(t.last.participating?.moaUrl),
  };
}

/** Extends the last span of a list when the gap is bridged, or opens a new span. */
function extend(spans: Span[], index: number): void {
  const last = spans[spans.length - 1];
  if (last && index - last[1] <= REMOVAL_CONFIRM) {
    if (index === last[1]) return;
    if (index - last[1] > 1) last[2]++;
    last[1] = index;
  } else spans.push([index, index, 0]);
}

function recordSigned(t: Track, pub: PubIn, l: FoldRow): void {
  const prev = t.signedHistory[t.signedHistory.length - 1];
  const raw = l.signedRaw;
  let corrected = l.signed;
  let rule = l.signedRule;
  if (!corrected && rule === 'blank' && prev?.corrected) {
    corrected = prev.corrected;
    rule = 'carried-forward';
  }
  if (prev && prev.published === l.signedPublished && prev.corrected === corrected && prev.raw === raw)
    return;
  if (prev && rule === 'carried-forward' && prev.corrected === corrected) return;
  t.signedHistory.push({
    publication: pub.id,
    date: pub.asOfDate,
    raw,
    published: l.signedPublished,
    corrected,
    rule,
  });
}

function summarize(listed: FoldRow[]): PubSummary {
  const agreements = new Set<string>();
  const models: Record<Model, number> = { JEM: 0, WSO: 0, TFM: 0 };
  const states = new Set<string>();
  for (const l of listed) {
    states.add(l.state as string);
    const k = keysOf(l).agreement;
    if (agreements.has(k)) continue;
    agreements.add(k);
    if (l.model) models[l.model]++;
  }
  return { rows: listed.length, agreements: agreements.size, models, states: states.size };
}

function intervalsOf(t: Track, applied: Record<ListKind, AppliedPub[]>): Interval[] {
  const out: Interval[] = [];
  for (const list of ['pending', 'participating'] as const) {
    const pubs = applied[list];
    for (const [from, to, gaps] of t.spans[list]) {
      const a = pubs[from] as AppliedPub;
      const b = pubs[to] as AppliedPub;
      out.push({
        list,
        from: a.asOfDate,
        to: b.sightingDate,
        fromPublication: a.id,
        toPublication: b.sightingId,
        open: pubs.length - 1 - to < REMOVAL_CONFIRM,
        gaps,
      });
    }
  }
  // Only the last span of a list can be open.
  for (const list of ['pending', 'participating'] as const) {
    const mine = out.filter((i) => i.list === list);
    for (const i of mine.slice(0, -1)) i.open = false;
  }
  // A pending listing ends when the agreement appears on a participating list after it (pending → signed), even
  // if the pending list has not yet been missed three times (ICE stopped publishing it in February 2026).
  const partStarts = out.filter((i) => i.list === 'participating').map((i) => i.from);
  for (const i of out)
    if (i.list === 'pending' && i.open && partStarts.some((f) => f >= i.to)) i.open = false;
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function finalize(state: FoldState, canonical: (id: string) => string, only?: Set<string>): Finalized {
  const agreements: AgreementOut[] = [];
  const events: HistoryEvent[] = [];
  const byId = new Map(state.tracks.map((t) => [t.agreementId, t]));
  for (const t of state.tracks) {
    if (only && !only.has(`${t.agencyId}|${t.model}`)) continue;
    const intervals = intervalsOf(t, state.applied);
    const first = intervals[0];
    if (!first) continue;
    const pendings = intervals.filter((i) => i.list === 'pending');
    const parts = intervals.filter((i) => i.list === 'participating');
    const last = [...intervals].sort((a, b) => (a.to < b.to ? 1 : -1))[0] as Interval;
    const lastListing = (t.last.participating ?? t.last.pending) as LastListing;
    const firstPending = pendings[0]?.from ?? null;
    const firstParticipating = parts[0]?.from ?? null;
    const openPart = parts.some((i) => i.open);
    const openPending = pendings.some((i) => i.open) && !firstParticipating;
    const signed = t.signedHistory[t.signedHistory.length - 1] ?? null;
    if (t.supersededBy) for (const i of intervals) i.open = false;
    const status: AgreementStatus = t.supersededBy
      ? 'superseded'
      : openPart
        ? 'active'
        : openPending
          ? 'pending'
          : 'removed';
    const out: AgreementOut = {
      agreementId: t.agreementId,
      agencyId: canonical(t.agencyId),
      model: t.model,
      status,
      state: lastListing.state,
      name: lastListing.name,
      firstListed: first.from,
      lastListed: last.to,
      firstPublication: first.fromPublication,
      lastPublication: last.toPublication,
      firstPending,
      firstParticipating,
      intervals,
      signedPublished: signed?.published ?? null,
      signed: signed?.corrected ?? null,
      signedRule: signed?.rule ?? null,
      signedHistory: [...t.signedHistory],
      daysPendingToSigned:
        firstPending && signed?.corrected && signed.corrected >= firstPending
          ? days(firstPending, signed.corrected)
          : null,
      moaUrl: lastListing.moaUrl,
      addendumUrl: lastListing.addendumUrl,
      secondaryOnly: t.secondaryOnly,
      supersedes: t.supersedes,
      supersededBy: t.supersededBy,
    };
    agreements.push(out);
    events.push(...agreementEvents(out, state.applied, signingOfTrack(t, byId)));
  }
  events.push(...agencyEvents(state.agencyEvents, canonical));
  relabelAdded(events, agreements);
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.eventId < b.eventId ? -1 : 1));
  const names = new Map<string, AgencyName>();
  for (const n of state.names) {
    const id = canonical(n.agency_id);
    const k = `${id}|${n.state}|${n.name}`;
    const c = names.get(k);
    if (!c) names.set(k, { ...n, agency_id: id });
    else {
      c.first_seen = earlier(n.first_seen, c.first_seen);
      c.last_seen = later(n.last_seen, c.last_seen);
    }
  }
  const latest = (list: ListKind) => {
    const p = state.applied[list][state.applied[list].length - 1];
    return p ? { id: p.sightingId, date: p.sightingDate } : null;
  };
  return {
    partial: null,
    retired: [],
    current: { participating: latest('participating'), pending: latest('pending') },
    agreements,
    events,
    names: [...names.values()],
  };
}
