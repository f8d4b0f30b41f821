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
import type { ListKind, Listing, Model, SourceKind } from '../types.ts';
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

export interface HistoryOutput {
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
  return a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id;
}

export function buildHistory(input: HistoryInput): HistoryOutput {
  const pubs = [...input.pubs].sort(byAsOf);
  const gate = new Gate(input.knownBad);
  const resolver = new Resolver(input.decisions, input.agencies, input.aliases);
  const statuses = new Map<number, { status: PublicationStatus; reason: string | null }>();
  const refs: ListingRef[] = [];
  const tracks = new Map<string, Track>();
  const applied: Record<ListKind, PubIn[]> = { participating: [], pending: [] };
  const lastSeen: Record<ListKind, Map<string, Seen>> = { participating: new Map(), pending: new Map() };
  /** Agency seen per publication (for rename/move events): pub id → agency id → listing. */
  const agencyRows = new Map<number, Map<string, Listing>>();
  /** For an applied publication, the latest duplicate-content re-publication of it (extends sightings). */
  const lastSightings = new Map<PubIn, PubIn>();
  /** For an applied publication, the latest duplicate-content re-publication of it (extends sightings). */
    for (const pub of pubs) {
    const rows = pub.listings.filter((l) => l.state && l.agencyKey).length;
    const g = gate.check({ id: pub.id, sha256: pub.sha256, kind: pub.kind, asOfDate: pub.asOfDate, rows, contentHash: pub.contentHash });
    statuses.set(pub.id, g);
    if (g.status === 'quarantined') {
      for (const l of pub.listings)
        refs.push({ publication: pub.id, row: l.row, agencyId: null, agreementId: null, duplicate: false });
      continue;
    }
    // Identity: what appeared, what is gone since the last applied list of this kind.
    const appearing = new Map<string, Appearing>();
    for (const l of pub.listings) {
      if (!l.state || !l.agencyKey) continue;
      const k = `${l.state}|${l.agencyKey}`;
      const a = appearing.get(k) ?? { state: l.state, key: l.agencyKey, name: l.agencyName ?? '', models: new Set(), signed: new Set() };
      if (l.model) a.models.add(l.model);
      if (l.signed) a.signed.add(l.signed);
      appearing.set(k, a);
    }
    const prev = lastSeen[pub.kind];
    const presentIds = new Set<string>();
    for (const a of appearing.values()) {
      const id = resolver.known(a.state, a.key);
      if (id) presentIds.add(id);
    }
    const gone = [...prev.values()].filter((s) => !presentIds.has(s.agencyId));
    const ids = resolver.resolve([...appearing.values()], gone, pub.asOfDate, pub.kind === 'participating', presentIds);
    const seenNow = new Map<string, Seen>();
    const rowsByAgency = new Map<string, Listing>();
    const seenAgreement = new Set<string>();
    const pubIndex = applied[pub.kind].length;
    for (const l of pub.listings) {
      const agencyId = l.state && l.agencyKey ? (ids.get(`${l.state}|${l.agencyKey}`) ?? null) : null;
      let agreementId: string | null = null;
      let duplicate = false;
      if (agencyId) {
        const s = seenNow.get(agencyId) ?? { agencyId, state: l.state as string, key: l.agencyKey as string, name: l.agencyName ?? '', models: new Set(), signed: new Set() };
        if (l.model) s.models.add(l.model);
        if (l.signed) s.signed.add(l.signed);
        seenNow.set(agencyId, s);
        if (!rowsByAgency.has(agencyId)) rowsByAgency.set(agencyId, l);
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
          if (g.status === 'ok') t.byList[pub.kind].push({ pubIndex, listing: l });
          else {
            // A duplicate-content publication confirms the listing on its date: extend the last presence.
            t.byList[pub.kind].push({ pubIndex: Math.max(0, pubIndex - 1), listing: l });
          }
          if (pub.source === 'ice-workbook') t.secondaryOnly = false;
          if (pub.kind === 'participating') recordSigned(t, pub, l);
        }
      }
      refs.push({ publication: pub.id, row: l.row, agencyId, agreementId, duplicate });
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
          cur = { list: kind, from: pub.asOfDate, to: pub.asOfDate, fromPublication: pub.id, toPublication: pub.id, open: false, gaps: 0 };
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
        firstPending && signed?.corrected && signed.corrected >= firstPending ? days(firstPending, signed.corrected) : null,
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
  return {
    statuses,
    refs,
    newDecisions: resolver.newDecisions(),
    newAgencies: resolver.newAgencies(),
    agencies: resolver.allAgencies(),
    agreements,
    events,
  };
}

function dedupePresence(p: Presence[]): Presence[] {
  const out: Presence[] = [];
  for (const x of p) if (!out.length || (out[out.length - 1] as Presence).pubIndex !== x.pubIndex) out.push(x);
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
  if (prev && prev.published === l.signedPublished && prev.corrected === corrected && prev.raw === raw) return;
  if (prev && rule === 'carried-forward' && prev.corrected === corrected) return;
  t.signedHistory.push({ publication: pub.id, date: pub.asOfDate, raw, published: l.signedPublished, corrected, rule });
}
