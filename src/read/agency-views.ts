/**
 * The agencies of the read model: one summary per agency (the API's lists, the downloads) and one detail (names
 * with the publications that first and last listed each, agreements, events, placement, counties and population,
 * the FBI row, identity decisions, the publications referred to), built from the shared rows.
 */
import type { Placement, SourceRef } from '../domain/geography.ts';
import type {
  AgencyDetailRecord,
  AgencySummaryRecord,
  AgreementRecord,
  EventRecord,
  IdentityRecord,
  ModelName,
  PlacementRecord,
  PublicationRecord,
} from './records.ts';
import type { LedgerRows } from './rows.ts';

/** A county as the model knows it: name, kind word, population on the latest figures. */
export interface CountyInfo {
  fips: string;
  state: string;
  /** The name as in the county shapes (`St. Johns`). */
  name: string;
  /** With its kind word (`St. Johns County`). */
  label: string;
  population: AgencyDetailRecord['population'];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const MODEL_ORDER: ModelName[] = ['JEM', 'WSO', 'TFM'];
export const sortModels = (ms: Iterable<string>) =>
  MODEL_ORDER.filter((m) => [...ms].includes(m)) as ModelName[];

export function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function toPlacement(p: Placement): PlacementRecord {
  return {
    level: p.level,
    countyFips: p.countyFips,
    place: p.place,
    ori: p.ori,
    oriStatus: p.oriStatus,
    oriCandidates: p.oriCandidates,
    method: p.method,
    rule: p.rule,
    confidence: p.confidence,
    inputs: p.inputs,
    reason: p.reason,
  };
}

/** Each agency's names, with the publications that first and last listed each name. */
function namesByAgency(rows: LedgerRows): Map<string, AgencyDetailRecord['names']> {
  const asOf = new Map(rows.snapshots.map((s) => [s.publication, s.asOf]));
  const listed = [...rows.listed].sort((a, b) =>
    cmp(asOf.get(a.publication_id) ?? '', asOf.get(b.publication_id) ?? ''),
  );
  const namePubs = new Map<string, { first: number; last: number }>();
  for (const r of listed)
    for (const [id, st, name] of r.agencies ?? []) {
      const k = `${id}\u0000${st}\u0000${name}`;
      const cur = namePubs.get(k);
      if (cur) cur.last = r.publication_id;
      else namePubs.set(k, { first: r.publication_id, last: r.publication_id });
    }
  const any = rows.sightings.any ?? '';
  const namesBy = new Map<string, AgencyDetailRecord['names']>();
  for (const n of rows.names) {
    const p = namePubs.get(`${n.agency_id}\u0000${n.state}\u0000${n.name}`);
    pushTo(namesBy, n.agency_id, {
      name: n.name,
      state: n.state,
      firstSeen: n.first_seen,
      lastSeen: n.last_seen ?? any,
      firstPublication: p?.first ?? null,
      lastPublication: p?.last ?? null,
    });
  }
  return namesBy;
}

/** The shared inputs of every agency's records. */
export interface AgencyInputs {
  rows: LedgerRows;
  agreements: AgreementRecord[];
  events: EventRecord[];
  publicationById: Map<number, PublicationRecord>;
  placements: Map<string, Placement>;
  counties: Map<string, CountyInfo>;
  sources: SourceRef[];
}

interface Indexed extends AgencyInputs {
  namesBy: Map<string, AgencyDetailRecord['names']>;
  decisionsBy: Map<string, IdentityRecord[]>;
  agreementsBy: Map<string, AgreementRecord[]>;
  eventsBy: Map<string, EventRecord[]>;
}

function indexed(inputs: AgencyInputs): Indexed {
  const decisionsBy = new Map<string, IdentityRecord[]>();
  for (const d of inputs.rows.decisions) pushTo(decisionsBy, d.agencyId, d.view);
  const agreementsBy = new Map<string, AgreementRecord[]>();
  for (const a of inputs.agreements) pushTo(agreementsBy, a.agencyId, a);
  const eventsBy = new Map<string, EventRecord[]>();
  for (const e of [...inputs.events].reverse()) pushTo(eventsBy, e.agencyId, e);
  return { ...inputs, namesBy: namesByAgency(inputs.rows), decisionsBy, agreementsBy, eventsBy };
}

/** The counties an agency is placed in, and their population summed when every one is known. */
function countyRefs(x: Indexed, placement: Placement | undefined, state: string) {
  const counties = (placement?.countyFips ?? []).map((fips) => {
    const c = x.counties.get(fips);
    return {
      fips,
      name: c?.label ?? fips,
      state: c?.state ?? state,
      population: c?.population ?? null,
    };
  });
  const pops = counties.map((c) => c.population);
  const population =
    pops.length > 0 && pops.every((p) => p !== null)
      ? pops.reduce((s, p) => ({
          total: s.total + p.total,
          hispanic: s.hispanic + p.hispanic,
          blackNonHispanic: s.blackNonHispanic + p.blackNonHispanic,
          whiteNonHispanic: s.whiteNonHispanic + p.whiteNonHispanic,
        }))
      : null;
  return { counties, population };
}

/** Every publication an agency's names, agreements and events refer to, by id. */
function publicationRefs(
  x: Indexed,
  names: AgencyDetailRecord['names'],
  mine: AgreementRecord[],
  myEvents: EventRecord[],
): AgencyDetailRecord['publications'] {
  const pubIds = new Set<number>();
  for (const n of names) {
    if (n.firstPublication !== null) pubIds.add(n.firstPublication);
    if (n.lastPublication !== null) pubIds.add(n.lastPublication);
  }
  for (const g of mine) {
    pubIds.add(g.firstPublication);
    pubIds.add(g.lastPublication);
    for (const i of g.intervals) {
      pubIds.add(i.fromPublication);
      pubIds.add(i.toPublication);
    }
    for (const s of g.signedHistory) pubIds.add(s.publication);
  }
  for (const e of myEvents) pubIds.add(e.publication);
  const pubs: AgencyDetailRecord['publications'] = {};
  for (const p of [...pubIds].sort((a, b) => a - b)) {
    const pub = x.publicationById.get(p);
    if (pub)
      pubs[String(p)] = {
        kind: pub.kind,
        date: pub.date,
        label: pub.label,
        sha256: pub.sha256,
        status: pub.status,
      };
  }
  return pubs;
}

type AgencyRow = LedgerRows['agencies'][number];

/** One agency's summary and detail. */
function agencyRecords(x: Indexed, a: AgencyRow): [AgencySummaryRecord, AgencyDetailRecord] {
  const id = a.agency_id;
  const names = x.namesBy.get(id) ?? [];
  const latest = names.reduce<(typeof names)[number] | undefined>(
    (p, q) =>
      !p || q.lastSeen > p.lastSeen || (q.lastSeen === p.lastSeen && q.firstSeen > p.firstSeen) ? q : p,
    undefined,
  );
  const mine = x.agreementsBy.get(id) ?? [];
  const active = mine.filter((g) => g.status === 'active');
  const pending = mine.filter((g) => g.status === 'pending');
  const status = active.length > 0 ? 'active' : pending.length > 0 ? 'pending' : 'removed';
  const placement = x.placements.get(id);
  const lastSeen = [a.first_seen, ...names.map((n) => n.lastSeen)].sort().pop() as string;
  const name = latest?.name ?? a.first_name;
  const state = latest?.state ?? a.state;
  const summary: AgencySummaryRecord = {
    agencyId: id,
    name,
    state,
    status,
    models: sortModels(active.map((g) => g.model)),
    pendingModels: sortModels(pending.map((g) => g.model)),
    level: placement?.level ?? null,
    countyFips: placement?.countyFips ?? [],
    place: placement?.place ?? null,
    ori: placement?.ori ?? null,
    firstSeen: a.first_seen,
    lastSeen,
    names: [...new Set(names.map((n) => n.name))],
    agreements: { active: active.length, pending: pending.length, total: mine.length },
  };
  const { counties, population } = countyRefs(x, placement, state);
  const myEvents = x.eventsBy.get(id) ?? [];
  const ori = placement?.ori ?? null;
  const f = ori ? x.rows.fbi.get(ori) : undefined;
  const detail: AgencyDetailRecord = {
    agencyId: id,
    mergedIds: [],
    name,
    state,
    status,
    models: sortModels(active.map((g) => g.model)),
    firstSeen: a.first_seen,
    lastSeen,
    names,
    agreements: mine,
    events: myEvents,
    placement: placement ? toPlacement(placement) : null,
    counties,
    ori,
    fbi: f
      ? { ori: f.ori, name: f.name, state: f.state, type: f.type, population: f.population, year: f.year }
      : null,
    population,
    identity: x.decisionsBy.get(id) ?? [],
    publications: publicationRefs(x, names, mine, myEvents),
    sources: placement ? x.sources : [],
  };
  return [summary, detail];
}

/** Every agency's summary (by state, name, id) and detail (by agency id, merged ids included). */
export function agencyViews(
  inputs: AgencyInputs,
  sortKey: (a: AgencySummaryRecord) => string,
): { agencies: AgencySummaryRecord[]; details: Map<string, AgencyDetailRecord> } {
  const x = indexed(inputs);
  const mergedInto = new Map<string, string>();
  for (const a of inputs.rows.agencies) if (a.merged_into) mergedInto.set(a.agency_id, a.merged_into);
  const canonical = (id: string) => {
    let cur = id;
    for (let i = 0; i < 10 && mergedInto.has(cur); i++) cur = mergedInto.get(cur) as string;
    return cur;
  };
  const agencies: AgencySummaryRecord[] = [];
  const details = new Map<string, AgencyDetailRecord>();
  for (const a of inputs.rows.agencies) {
    if (a.merged_into) continue;
    const [summary, detail] = agencyRecords(x, a);
    agencies.push(summary);
    details.set(a.agency_id, detail);
  }
  for (const [merged] of mergedInto) {
    const target = details.get(canonical(merged));
    if (target) {
      target.mergedIds.push(merged);
      details.set(merged, target);
    }
  }
  agencies.sort((p, q) => cmp(sortKey(p), sortKey(q)));
  return { agencies, details };
}
