/**
 * Issue 14's number: removal events whose document reappears under another agency label in the same diff (the
 * list where the agreement went missing prints a row of another agreement with one of its documents). Folds
 * publications as an ingest does (known-bad list, publication-date policy) and reads each row's agreement back.
 */
import { decodeRefs } from '../../src/domain/listing-refs.ts';
import { datePolicy } from '../../src/history/date-plausibility.ts';
import { emptyState, HistoryFold } from '../../src/history/fold.ts';
import type { PubIn } from '../../src/history/types.ts';
import { aliasEntries } from '../../src/identify/aliases.ts';
import { Resolver } from '../../src/identify/resolver.ts';
import { documentName } from '../../src/normalize/link.ts';
import { loadReference } from '../../src/reference/load.ts';

export interface Reappearing {
  date: string;
  state: string;
  name: string;
  model: string;
  /** Documents the removed agreement was last listed with. */
  documents: string[];
  /** The rows of the same diff printing one of them: `name (model, signed)`. */
  reappearsAs: string[];
}

export interface RelabelCount {
  removed: number;
  agreements: number;
  agencies: number;
  /** `renamed` events naming a document: date, old label, new label, document. */
  byDocument: [string, string, string, string][];
  reappearing: Reappearing[];
}

const docs = (l: { moaUrl: string | null; addendumUrl: string | null }) =>
  [documentName(l.moaUrl), documentName(l.addendumUrl)].filter((d): d is string => d !== null);

/** Folds `pubs` (as of `now`) and counts removals whose document reappears in the same diff. */
export function countRelabels(pubs: PubIn[], now: string): RelabelCount {
  const knownBad = loadReference('knownBadPublications').map((k) => ({
    sha256: k.sha256.toLowerCase(),
    verdict: k.verdict as 'quarantine' | 'release',
    reason: k.reason,
    evidence: k.evidence,
  }));
  const resolver = new Resolver([], [], aliasEntries());
  const fold = new HistoryFold(emptyState(''), resolver, knownBad, false, datePolicy(now, '0000-01-01', 2));
  const step = fold.apply(pubs);
  const done = fold.finalize();
  const state = fold.snapshot();
  const byId = new Map(pubs.map((p) => [p.id, p]));
  const rows = new Map<number, { agreementId: string | null; label: string; docs: string[] }[]>();
  for (const [id, c] of step.refs) {
    const p = byId.get(id) as PubIn;
    rows.set(
      id,
      decodeRefs(c, id).map((r, i) => {
        const l = p.listings[i] as PubIn['listings'][number];
        return {
          agreementId: r.agreementId,
          label: `${l.agencyName} (${l.model}, ${l.signed})`,
          docs: docs(l),
        };
      }),
    );
  }
  const agreements = new Map(done.agreements.map((a) => [a.agreementId, a]));
  const removed = done.events.filter((e) => e.kind === 'removed');
  const reappearing: Reappearing[] = [];
  for (const e of removed) {
    const a = agreements.get(e.agreementId as string);
    const applied = state.applied[e.list];
    const k = applied.findIndex((p) => p.id === e.publication);
    if (!a || k < 1) continue;
    const last = new Set<string>();
    for (let j = k - 1; j >= 0 && last.size === 0; j--)
      for (const r of rows.get((applied[j] as { id: number }).id) ?? [])
        if (r.agreementId === a.agreementId) for (const d of r.docs) last.add(d);
    const hits = (rows.get(e.publication) ?? []).filter(
      (r) => r.agreementId !== a.agreementId && r.docs.some((d) => last.has(d)),
    );
    if (hits.length > 0)
      reappearing.push({
        date: e.date,
        state: a.state,
        name: a.name,
        model: a.model,
        documents: [...last],
        reappearsAs: hits.map((h) => h.label),
      });
  }
  return {
    removed: removed.length,
    agreements: done.agreements.length,
    agencies: resolver.allAgencies().filter((x) => !x.mergedInto).length,
    byDocument: done.events
      .filter((e) => e.kind === 'renamed' && e.details.document)
      .map((e) => [e.date, String(e.details.from), String(e.details.to), String(e.details.document)]),
    reappearing,
  };
}
