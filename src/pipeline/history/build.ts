/**
 * The history: publications (in as-of order) → gate statuses, agency identity for every listing, agreements
 * with their listing intervals and signed dates, and the events between publications. Pure: the same inputs
 * (publications, stored identity decisions, reviewed files) always give the same output.
 *
 * Rules (documented in docs/history.md):
 * - an agreement is one agency × one model; its ID is minted once (ids.ts);
 * - an agreement missing from one or two consecutive publications of a list is still listed (a gap); missing
 *   from REMOVAL_CONFIRM publications in a row it is removed, dated at the first publication that missed it;
 * - a pending agreement that leaves the pending list because it appears in the participating list is signed,
 *   not removed;
 * - a blank signed date carries the last known one forward (rule `carried-forward`).
 */
import { mintAgreementId } from '../identify/ids.ts';
import {
  type AgencyRecord,
  type AliasEntry,
  type Appearing,
  type Decision,
  Resolver,
  type Seen,
} from '../identify/resolver.ts';
import type { Listing, ListKind, Model, SourceKind } from '../types.ts';
import { agencyEvents, agreementEvents, type HistoryEvent, relabelAdded } from './events.ts';
import { Gate, type KnownBad, type PublicationStatus } from './gate.ts';

export const REMOVAL_CONFIRM = 3;

export interface PubIn {
  id: number;
  sha256: string;
  kind: ListKind;
  source: SourceKind;
  asOf: string;
  asOfDate: string;
  contentHash: string;
  listings: Listing[];
}

export interface Interval {
  list: ListKind;
  from: string;
  to: string;
  fromPublication: number;
  toPublication: number;
  /** True when the interval reaches the latest publication of its list (still listed). */
  open: boolean;
  gaps: number;
}

export interface SignedEntry {
  publication: number;
  date: string;
  raw: string | null;
  published: string | null;
  corrected: string | null;
  rule: string | null;
}

export type AgreementStatus = 'pending' | 'active' | 'removed' | 'superseded';

export interface AgreementOut {
  agreementId: string;
  agencyId: string;
  model: Model;
  status: AgreementStatus;
  state: string;
  name: string;
  firstListed: string;
  lastListed: string;
  firstPublication: number;
  lastPublication: number;
  firstPending: string | null;
  firstParticipating: string | null;
  intervals: Interval[];
  signedPublished: string | null;
  signed: string | null;
  signedRule: string | null;
  /** One entry per change of the published signed date (the first listing included). */
  signedHistory: SignedEntry[];
  daysPendingToSigned: number | null;
  moaUrl: string | null;
  addendumUrl: string | null;
  secondaryOnly: boolean;
}

export interface ListingRef {
  publication: number;
  row: number;
  state: string | null;
  name: string | null;
  agencyId: string | null;
  agreementId: string | null;
  duplicate: boolean;
}

export interface HistoryInput {
  pubs: PubIn[];
  decisions: readonly Decision[];
  agencies: readonly AgencyRecord[];
  aliases: readonly AliasEntry[];
  knownBad: readonly KnownBad[];
}

export interface AgencyName {
  agency_id: string;
  state: string;
  name: string;
  first_seen: string;
  last_seen: string;
  listings: number;
}

/** Counts for one publication, as published (quarantined ones included). */
export interface PubSummary {
  rows: number;
  agreements: number;
  models: Record<Model, number>;
  states: number;
}

export interface HistoryOutput {
  summaries: Map<number, PubSummary>;
  /** Every (agency, state, name) it was listed under, with first and last date. */
  names: AgencyName[];
  statuses: Map<number, { status: PublicationStatus; reason: string | null }>;
  refs: ListingRef[];
  newDecisions: Decision[];
  newAgencies: AgencyRecord[];
  agencies: AgencyRecord[];
  agreements: AgreementOut[];
  events: HistoryEvent[];
}

interface Presence {
  pubIndex: number;
  listing: Listing;
}

interface Track {
  agreementId: string;
  agencyId: string;
  model: Model;
  byList: Record<ListKind, Presence[]>;
  signedHistory: SignedEntry[];
  secondaryOnly: boolean;
}

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

function byAsOf(a: PubIn, b: PubIn): number {
  return a.asOf < b.asOf
    ? -1
    : a.asOf > b.asOf
      ? 1
      : a.kind < b.kind
        ? -1
        : a.kind > b.kind
          ? 1
          : a.id - b.id;
}

export function buildHistory(input: HistoryInput): HistoryOutput {
  const pubs = [...input.pubs].sort(byAsOf);
  const gate = new Gate(input.knownBad);
  const resolver = new Resolver(input.decisions, input.agencies, input.aliases);
  const statuses = new Map<number, { status: PublicationStatus; reason: string | null }>();
  const refs: ListingRef[] = [];
  const tracks = new Map<string, Track>();
  const applied: Record<ListKind, PubIn[]> = { participating: [], pending: [] };
  const lastSeen: Record<ListKind, Map<string, Listing[]>> = { participating: new Map(), pending: new Map() };
  /** Agency seen per publication (for rename/move events): pub id → agency id → listing. */
  const agencyRows = new Map<number, Map<string, Listing>>();
  /** For an applied publication, the latest duplicate-content re-publication of it (extends sightings). */
  const lastSightings = new Map<PubIn, PubIn>();
  const names = new Map<string, AgencyName>();
  /** For an applied publication, the latest duplicate-content re-publication of it (extends sightings). */
  const summaries = new Map<number, PubSummary>();
  for (const pub of pubs) {
    const rows = pub.listings.filter((l) => l.state && l.agencyKey).length;
    summaries.set(pub.id, summarize(pub.listings, rows));
    const g = gate.check({
      id: pub.id,
      sha256: pub.sha256,
      kind: pub.kind,
      asOfDate: pub.asOfDate,
      rows,
      contentHash: pub.contentHash,
    });
    statuses.set(pub.id, g);
    if (g.status === 'quarantined') {
      for (const l of pub.listings)
        refs.push({
          publication: pub.id,
          row: l.row,
          state: l.state,
          name: l.agencyName,
          agencyId: null,
          agreementId: null,
          duplicate: false,
        });
      continue;
    }
    // Identity: names already decided resolve directly; the rest are matched against what left the list.
    const ids = new Map<string, string>();
    const unknown = new Map<string, Appearing>();
    const presentIds = new Set<string>();
    for (const l of pub.listings) {
      if (!l.state || !l.agencyKey) continue;
      const k = `${l.state}|${l.agencyKey}`;
      if (ids.has(k)) continue;
      const id = resolver.known(l.state, l.agencyKey);
      if (id) {
        ids.set(k, id);
        presentIds.add(id);
        continue;
      }
      const a = unknown.get(k) ?? {
        state: l.state,
        key: l.agencyKey,
        name: l.agencyName ?? '',
        models: new Set(),
        signed: new Set(),
      };
      if (l.model) a.models.add(l.model);
      if (l.signed) a.signed.add(l.signed);
      unknown.set(k, a);
    }
    if (unknown.size > 0) {
      const gone: Seen[] = [];
      for (const [id, ls] of lastSeen[pub.kind]) if (!presentIds.has(id)) gone.push(seenOf(id, ls));
      const found = resolver.resolve(
        [...unknown.values()],
        gone,
        pub.asOfDate,
        pub.kind === 'participating',
        presentIds,
      );
      for (const [k, id] of found) ids.set(k, id);
    }
    const seenNow = new Map<string, Listing[]>();
    const rowsByAgency = new Map<string, Listing>();
    const seenAgreement = new Set<string>();
    const pubIndex = applied[pub.kind].length;
    for (const l of pub.listings) {
      const agencyId = l.state && l.agencyKey ? (ids.get(`${l.state}|${l.agencyKey}`) ?? null) : null;
      let agreementId: string | null = null;
      let duplicate = false;
      if (agencyId) {
        const s = seenNow.get(agencyId);
        if (s) s.push(l);
        else {
          seenNow.set(agencyId, [l]);
          rowsByAgency.set(agencyId, l);
        }
      }
      if (agencyId && l.model) {
        const key = `${agencyId}|${l.model}`;
        let t = tracks.get(key);
        if (!t) {
          t = {
            agreementId: mintAgreementId(agencyId, l.model, 0),
            agencyId,
            model: l.model,
            byList: { participating: [], pending: [] },
            signedHistory: [],
            secondaryOnly: true,
          };
          tracks.set(key, t);
        }
        agreementId = t.agreementId;
        if (seenAgreement.has(key)) duplicate = true;
        else {
          seenAgreement.add(key);
          // A duplicate-content publication confirms the listing on its date: it extends the last presence.
          t.byList[pub.kind].push({
            pubIndex: g.status === 'ok' ? pubIndex : Math.max(0, pubIndex - 1),
            listing: l,
          });
          if (pub.source === 'ice-workbook') t.secondaryOnly = false;
          if (pub.kind === 'participating') recordSigned(t, pub, l);
        }
      }
      refs.push({
        publication: pub.id,
        row: l.row,
        state: l.state,
        name: l.agencyName,
        agencyId,
        agreementId,
        duplicate,
      });
      if (agencyId && l.agencyName && l.state) {
        const nk = `${agencyId}|${l.state}|${l.agencyName}`;
        const n = names.get(nk);
        if (n) {
          n.last_seen = later(pub.asOfDate, n.last_seen);
          n.listings++;
        } else
          names.set(nk, {
            agency_id: agencyId,
            state: l.state,
            name: l.agencyName,
            first_seen: pub.asOfDate,
            last_seen: pub.asOfDate,
            listings: 1,
          });
      }
    }
    agencyRows.set(pub.id, rowsByAgency);
    lastSeen[pub.kind] = seenNow;
    if (g.status === 'ok') applied[pub.kind].push(pub);
    else {
      // keep the duplicate's date as the latest sighting of the list
      const arr = applied[pub.kind];
      if (arr.length > 0) lastSightings.set(arr[arr.length - 1] as PubIn, pub);
    }
  }

  const events: HistoryEvent[] = [];
  const agreements: AgreementOut[] = [];
  const latestDate = (kind: ListKind, i: number) => {
    const p = applied[kind][i] as PubIn;
    return (lastSightings.get(p) ?? p).asOfDate;
  };
  const latestPub = (kind: ListKind, i: number) => {
    const p = applied[kind][i] as PubIn;
    return (lastSightings.get(p) ?? p).id;
  };

  for (const t of tracks.values()) {
    const intervals: Interval[] = [];
    for (const kind of ['pending', 'participating'] as const) {
      const pres = dedupePresence(t.byList[kind]);
      const n = applied[kind].length;
      let cur: Interval | null = null;
      let prevIndex = -1;
      for (const p of pres) {
        if (cur && p.pubIndex - prevIndex <= REMOVAL_CONFIRM) {
          if (p.pubIndex - prevIndex > 1) cur.gaps++;
        } else {
          if (cur) intervals.push(cur);
          const pub = applied[kind][p.pubIndex] as PubIn;
          cur = {
            list: kind,
            from: pub.asOfDate,
            to: pub.asOfDate,
            fromPublication: pub.id,
            toPublication: pub.id,
            open: false,
            gaps: 0,
          };
        }
        cur.to = latestDate(kind, p.pubIndex);
        cur.toPublication = latestPub(kind, p.pubIndex);
        prevIndex = p.pubIndex;
      }
      if (cur) {
        cur.open = n - 1 - prevIndex < REMOVAL_CONFIRM;
        intervals.push(cur);
      }
    }
    intervals.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const first = intervals[0];
    if (!first) continue;
    const pendings = intervals.filter((i) => i.list === 'pending');
    const parts = intervals.filter((i) => i.list === 'participating');
    const last = [...intervals].sort((a, b) => (a.to < b.to ? 1 : -1))[0] as Interval;
    const lastListing = latestListing(t);
    const firstPending = pendings[0]?.from ?? null;
    const firstParticipating = parts[0]?.from ?? null;
    const openPart = parts.some((i) => i.open);
    const openPending = pendings.some((i) => i.open) && !firstParticipating;
    const signed = t.signedHistory[t.signedHistory.length - 1] ?? null;
    const status: AgreementStatus = openPart ? 'active' : openPending ? 'pending' : 'removed';
    const out: AgreementOut = {
      agreementId: t.agreementId,
      agencyId: resolver.canonical(t.agencyId),
      model: t.model,
      status,
      state: lastListing.state as string,
      name: lastListing.agencyName ?? '',
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
      signedHistory: t.signedHistory,
      daysPendingToSigned:
        firstPending && signed?.corrected && signed.corrected >= firstPending
          ? days(firstPending, signed.corrected)
          : null,
      moaUrl: lastListing.moaUrl,
      addendumUrl: lastListing.addendumUrl,
      secondaryOnly: t.secondaryOnly,
    };
    agreements.push(out);
    events.push(...agreementEvents(out, applied));
  }
  events.push(...agencyEvents(applied, agencyRows, (id) => resolver.canonical(id)));
  relabelAdded(events, agreements);
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.eventId < b.eventId ? -1 : 1));
  const canonicalNames = new Map<string, AgencyName>();
  for (const n of names.values()) {
    const id = resolver.canonical(n.agency_id);
    const k = `${id}|${n.state}|${n.name}`;
    const c = canonicalNames.get(k);
    if (!c) canonicalNames.set(k, { ...n, agency_id: id });
    else {
      c.first_seen = earlier(n.first_seen, c.first_seen);
      c.last_seen = later(n.last_seen, c.last_seen);
      c.listings += n.listings;
    }
  }
  return {
    summaries,
    names: [...canonicalNames.values()],
    statuses,
    refs,
    newDecisions: resolver.newDecisions(),
    newAgencies: resolver.newAgencies(),
    agencies: resolver.allAgencies(),
    agreements,
    events,
  };
}

/** ISO dates compare as strings. */
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

function summarize(listings: Listing[], rows: number): PubSummary {
  const agreements = new Set<string>();
  const models: Record<Model, number> = { JEM: 0, WSO: 0, TFM: 0 };
  const states = new Set<string>();
  for (const l of listings) {
    if (!l.state || !l.agencyKey) continue;
    states.add(l.state);
    const k = `${l.state}|${l.agencyKey}|${l.model ?? ''}`;
    if (agreements.has(k)) continue;
    agreements.add(k);
    if (l.model) models[l.model]++;
  }
  return { rows, agreements: agreements.size, models, states: states.size };
}

function seenOf(agencyId: string, ls: Listing[]): Seen {
  const l = ls[0] as Listing;
  const s: Seen = {
    agencyId,
    state: l.state as string,
    key: l.agencyKey as string,
    name: l.agencyName ?? '',
    models: new Set(),
    signed: new Set(),
  };
  for (const x of ls) {
    if (x.model) s.models.add(x.model);
    if (x.signed) s.signed.add(x.signed);
  }
  return s;
}

function dedupePresence(p: Presence[]): Presence[] {
  const out: Presence[] = [];
  for (const x of p)
    if (!out.length || (out[out.length - 1] as Presence).pubIndex !== x.pubIndex) out.push(x);
  return out;
}

function latestListing(t: Track): Listing {
  const a = t.byList.participating[t.byList.participating.length - 1];
  const b = t.byList.pending[t.byList.pending.length - 1];
  return (a ?? b)?.listing as Listing;
}

function recordSigned(t: Track, pub: PubIn, l: Listing): void {
  const prev = t.signedHistory[t.signedHistory.length - 1];
  const raw = l.raw.SIGNED?.v ?? null;
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
