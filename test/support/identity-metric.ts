/**
 * Issue 14's identity numbers over a fold (items 2 and 3): removals, agreements, agencies, `re-signed` events, signed-date
 * corrections (and how many of them change the MOA document), and agreements whose rows print two different MOA
 * documents (merged across documents; the target is 0). Folds publications as an ingest does (known-bad list,
 * publication-date policy) and reads each row's agreement back.
 */
import type { AgreementOut, RetiredAgreement } from '../../src/domain/agreement.ts';
import type { HistoryEvent } from '../../src/domain/event.ts';
import { decodeRefs } from '../../src/domain/listing-refs.ts';
import { datePolicy } from '../../src/history/date-plausibility.ts';
import { emptyState, type FoldStep, HistoryFold } from '../../src/history/fold.ts';
import type { PubIn } from '../../src/history/types.ts';
import { aliasEntries } from '../../src/identify/aliases.ts';
import { Resolver } from '../../src/identify/resolver.ts';
import { documentName } from '../../src/normalize/link.ts';
import { loadReference } from '../../src/reference/load.ts';

export interface IdentityCount {
  removed: number;
  agreements: number;
  agencies: number;
  resigned: number;
  corrections: number;
  /** Signed-date corrections whose rows before and after print different MOA documents. */
  correctionsAcrossDocuments: number;
  /**
   * Agreements whose participating rows print two or more different MOA documents with no signed date in common
   * (`state name model docs (signed dates)`): different agreements merged.
   */
  mergedAcrossDocuments: string[];
  /** Agreements printed with two MOA file names under one signed date: one MOA filed again (not a merge). */
  refiled: string[];
  agreementList: AgreementOut[];
  events: HistoryEvent[];
  /** Agreement id → MOA documents of its rows in list order (first sighting of each). */
  documents: Map<string, string[]>;
  /** Agreement ids a row of any list or an event names that are no agreement of the fold (the target is none). */
  missingAgreements: string[];
  /** Agreement IDs the fold retired (absorbed by another), with the agreement that holds their listings. */
  retired: RetiredAgreement[];
}

/** Agreement ids named by the rows of `refs` or by `events` that are not among `agreements`. */
function missing(refs: FoldStep['refs'], events: HistoryEvent[], agreements: Map<string, unknown>): string[] {
  const named = new Set(events.map((e) => e.agreementId));
  for (const [id, c] of refs) for (const r of decodeRefs(c, id)) named.add(r.agreementId);
  return [...named].filter((id): id is string => id !== null && !agreements.has(id)).sort();
}

function knownBad() {
  return loadReference('knownBadPublications').map((k) => ({
    sha256: k.sha256.toLowerCase(),
    verdict: k.verdict as 'quarantine' | 'release',
    reason: k.reason,
    evidence: k.evidence,
  }));
}

/** Folds `pubs` (as of `now`) and counts. */
export function countIdentity(pubs: PubIn[], now: string): IdentityCount {
  const resolver = new Resolver([], [], aliasEntries());
  const fold = new HistoryFold(emptyState(''), resolver, knownBad(), false, datePolicy(now, '0000-01-01', 2));
  const step = fold.apply(pubs);
  const done = fold.finalize();
  const byId = new Map(pubs.map((p) => [p.id, p]));
  // Per agreement, its MOA documents in as-of order, each with the signed dates it was listed with.
  const docs = new Map<string, string[]>();
  const docAt = new Map<string, Map<number, string>>();
  const signedBy = new Map<string, Set<string>>();
  const ordered = [...step.refs.keys()].sort((a, b) => {
    const x = byId.get(a) as PubIn;
    const y = byId.get(b) as PubIn;
    return x.asOf < y.asOf ? -1 : x.asOf > y.asOf ? 1 : a - b;
  });
  for (const id of ordered) {
    const p = byId.get(id) as PubIn;
    if (p.kind !== 'participating') continue;
    decodeRefs(step.refs.get(id) as never, id).forEach((r, i) => {
      const l = p.listings[i] as PubIn['listings'][number];
      const doc = documentName(l.moaUrl);
      if (!r.agreementId || !doc) return;
      const list = docs.get(r.agreementId) ?? [];
      if (!list.includes(doc)) list.push(doc);
      const signedList = signedBy.get(`${r.agreementId}|${doc}`) ?? new Set<string>();
      signedList.add(l.signed ?? '');
      signedBy.set(`${r.agreementId}|${doc}`, signedList);
      docs.set(r.agreementId, list);
      const at = docAt.get(r.agreementId) ?? new Map<number, string>();
      at.set(id, doc);
      docAt.set(r.agreementId, at);
    });
  }
  const agreements = new Map(done.agreements.map((a) => [a.agreementId, a]));
  const corrections = done.events.filter((e) => e.kind === 'signed-date-changed' && !e.details.renewal);
  let across = 0;
  for (const e of corrections) {
    const at = docAt.get(e.agreementId as string);
    if (!at) continue;
    const before = [...at].filter(([id]) => (byId.get(id) as PubIn).asOfDate < e.date).map(([, d]) => d);
    const after = [...at].find(([id]) => (byId.get(id) as PubIn).asOfDate >= e.date)?.[1];
    if (before.length > 0 && after && before[before.length - 1] !== after) across++;
  }
  const merged: string[] = [];
  const refiled: string[] = [];
  for (const [id, list] of docs)
    if (list.length > 1) {
      const a = agreements.get(id);
      const dates = list.map((d) => [...(signedBy.get(`${id}|${d}`) ?? [])].sort());
      const text = `${a?.state} ${a?.name} ${a?.model} ${list.map((d, i) => `${d} (${dates[i]?.join(' ')})`).join(' + ')}`;
      // One signed date printed with every document: the same MOA filed under another name.
      const common = (dates[0] ?? []).filter((x) => x && dates.every((ds) => ds.includes(x)));
      (common.length > 0 ? refiled : merged).push(text);
    }
  return {
    removed: done.events.filter((e) => e.kind === 'removed').length,
    agreements: done.agreements.length,
    agencies: resolver.allAgencies().filter((x) => !x.mergedInto).length,
    resigned: done.events.filter(
      (e) => (e.kind as string) === 're-signed' || (e.kind === 'signed-date-changed' && e.details.renewal),
    ).length,
    corrections: corrections.length,
    correctionsAcrossDocuments: across,
    mergedAcrossDocuments: merged.sort(),
    refiled: refiled.sort(),
    agreementList: done.agreements,
    events: done.events,
    documents: docs,
    missingAgreements: missing(step.refs, done.events, agreements),
    retired: done.retired,
  };
}
