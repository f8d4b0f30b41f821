/**
 * Brings the ledger's history up to date after new publications were stored, inside the ingest transaction.
 *
 * - incremental: when a saved fold exists, the reviewed files are unchanged, and every new publication is later
 *   than everything folded so far (the normal `sync` case), the new publications are folded into the saved state
 *   and only the rows that changed are written;
 * - full: otherwise (first ingest, a backfilled older publication, an edited reviewed file) every publication
 *   is read back from the ledger and folded from an empty state; derived tables are replaced.
 * Both paths run the same fold, so they give the same ledger (a test checks this).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RetiredAgreement } from '../domain/agreement.ts';
import type { AliasEntry } from '../domain/identity.ts';
import type { ListKind, RawRow } from '../domain/types.ts';
import { type DatePolicy, datePolicy } from '../history/date-plausibility.ts';
import {
  type DuplicateRow,
  emptyState,
  type Finalized,
  type FoldState,
  type FoldStep,
  HistoryFold,
} from '../history/fold.ts';
import { foldRows, summarize } from '../history/fold-rows.ts';
import type { KnownBad } from '../history/gate.ts';
import { rebuildRedirects } from '../history/retire.ts';
import type { PubIn } from '../history/types.ts';
import { aliasEntries } from '../identify/aliases.ts';
import { Resolver } from '../identify/resolver.ts';
import { loadReference, REFERENCE_DIR, SPECS } from '../reference/load.ts';
import { insertAgencies, readAgencies, setMergedInto } from '../store/agencies.ts';
import { storedAgreementAgencies, storedRefsListing, writeRedirects } from '../store/agreement-redirects.ts';
import { replaceDerived, repointStoredRefs, writeDerivedChanges, writeRefs } from '../store/agreements.ts';
import type { Db } from '../store/db.ts';
import { loadFoldState, packFoldState, savedFoldReference, storeFoldState } from '../store/history-state.ts';
import { insertDecisions, readDecisions } from '../store/identity.ts';
import { rowVersionCells, storedPublications, updateStatuses } from '../store/publications.ts';
import { collectGarbage } from './memory.ts';

export interface HistoryUpdate {
  /** Stores the fold's state (compressed while the caller goes on); call before the transaction ends. */
  saveState: () => Promise<void>;
  mode: 'incremental' | 'full';
  agreements: number;
  events: number;
  newAgencies: number;
  newDecisions: number;
  statuses: Map<number, { status: string; reason: string | null }>;
  aliasConflicts: string[];
  /** Rows that repeat another row's agreement under another label (counted once; history/fold.ts). */
  duplicateRows: DuplicateRow[];
  /** Who holds each `state|key`, and where merged agencies went: the ledger's identity tables as now written. */
  owners: () => { agencyOf: Map<string, string>; merged: Map<string, string | null> };
}

function knownBad(): KnownBad[] {
  return loadReference('knownBadPublications').map((k) => ({
    sha256: k.sha256.toLowerCase(),
    verdict: k.verdict as 'quarantine' | 'release',
    reason: k.reason,
    evidence: k.evidence,
  }));
}

/** The reviewed bounds of publication dates (publication-date-policy.csv), at the run's time `now`. */
function dates(now: string): DatePolicy {
  const rule = (name: string) => loadReference('publicationDatePolicy').find((r) => r.rule === name)?.value;
  const skew = Number(rule('future_skew_days') ?? 2);
  return datePolicy(now, rule('first_list') ?? '0000-01-01', Number.isFinite(skew) ? skew : 2);
}

/** Bumped whenever the fold's rules change, so saved states from older code are rebuilt, not resumed. */
export const FOLD_VERSION = 'fold-14';

/** Hash of every reviewed file (and the fold's version): when it changes, the history is rebuilt in full. */
export function referenceHash(dir = REFERENCE_DIR): string {
  const h = createHash('sha256').update(FOLD_VERSION);
  for (const spec of Object.values(SPECS)) h.update(readFileSync(join(dir, spec.file)));
  return h.digest('hex');
}

/**
 * Whether the saved history was folded under other reviewed files (or another fold version) than the current
 * ones: then the next ingest rebuilds it even when no new publication arrived, so an edited reviewed file (a
 * verdict, a correction, a known-bad list) takes effect on the next `ingest` or `sync`.
 */
export async function historyStale(tx: Db): Promise<boolean> {
  const saved = await savedFoldReference(tx);
  return saved !== undefined && saved !== referenceHash();
}

/** Every stored publication except `skip`, read back from the ledger and normalized. */
export async function loadStoredPublications(tx: Db, skip: ReadonlySet<number>): Promise<PubIn[]> {
  const pubs = await storedPublications(tx, skip);
  if (pubs.length === 0) return [];
  const versions = await rowVersionCells(tx);
  return pubs.map((p) => {
    const rows: RawRow[] = p.rows.map(([row, hash, hidden]) => {
      const v = versions.get(hash);
      if (!v) throw new Error(`ledger is missing row version ${hash} of publication ${p.publication_id}`);
      return { row, hidden: hidden === 1, cells: v.cells, sig: v.sig };
    });
    const kind = p.kind as ListKind;
    return {
      id: p.publication_id,
      sha256: p.sha256,
      kind,
      source: p.source as PubIn['source'],
      asOf: p.as_of,
      asOfDate: p.as_of_date,
      contentHash: p.content_hash,
      listings: foldRows({ file: p.file, asOfDate: p.as_of_date, kind, rows }, summarize([])),
      rows: rows.map((r) => r.row),
    };
  });
}

/** The resolver: resumed from the saved state (which carries every decision and agency), else from the ledger. */
async function resolverFor(
  tx: Db,
  saved: FoldState | null,
  aliases: readonly AliasEntry[],
): Promise<Resolver> {
  if (saved) {
    const agencies = saved.agencies.map(([agencyId, state, key, name, firstSeen, mergedInto]) => ({
      agencyId,
      state,
      key,
      name,
      firstSeen,
      mergedInto,
    }));
    return Resolver.resume(saved.keys, agencies, aliases);
  }
  const decisions = await readDecisions(tx);
  const agencies = await readAgencies(tx);
  return new Resolver(decisions, agencies, aliases);
}

/**
 * The agreement IDs retired by this update: those the fold absorbed, and (full rebuild) every ID stored before
 * and missing now, mapped through the listing rows it held (history/retire.ts). Read before the rebuild's writes.
 */
async function retiredIds(
  tx: Db,
  step: FoldStep,
  after: Finalized,
  incremental: boolean,
  date: string,
): Promise<RetiredAgreement[]> {
  if (incremental) return after.retired;
  const stored = await storedAgreementAgencies(tx);
  for (const a of after.agreements) stored.delete(a.agreementId);
  if (stored.size === 0) return after.retired;
  const before = await storedRefsListing(tx, new Set(stored.values()));
  const known = new Set(after.retired.map((r) => r.agreementId));
  return [...after.retired, ...rebuildRedirects(new Set(stored.keys()), before, step.refs, date, known)];
}

/** Writes what the fold made: new identity, derived rows, retired agreement IDs, listing refs, gate statuses. */
async function writeHistory(
  tx: Db,
  resolver: Resolver,
  step: FoldStep,
  after: Finalized,
  incremental: boolean,
  run: { id: number; at: string },
  big: boolean,
  log: (msg: string) => void,
): Promise<void> {
  const runId = run.id;
  await insertAgencies(tx, resolver.newAgencies(), runId);
  await insertDecisions(tx, resolver.newDecisions(), runId);
  const retired = await retiredIds(tx, step, after, incremental, run.at.slice(0, 10));
  if (incremental) await writeDerivedChanges(tx, after);
  else await replaceDerived(tx, after);
  await writeRedirects(tx, retired, runId);
  log('derived rows written');
  await writeRefs(tx, step.refs, step.summaries, [...step.statuses.keys()], !incremental);
  await repointStoredRefs(tx, step.repoints);
  step.refs.clear();
  if (big) collectGarbage();
  log('refs written');
  await updateStatuses(tx, step.statuses);
  log('derived tables written');
}

export async function updateHistory(
  tx: Db,
  fresh: PubIn[],
  runId: number,
  at: string,
  checkpoint: (stage: string) => Promise<void>,
  log: (msg: string) => void = () => undefined,
  aliases: readonly AliasEntry[] = aliasEntries(),
  forceFull = false,
): Promise<HistoryUpdate> {
  const reference = referenceHash();
  const saved = await loadFoldState(tx);
  log('history state loaded');
  const incremental =
    !forceFull &&
    saved !== null &&
    saved.version === 1 &&
    saved.reference === reference &&
    fresh.every((p) => p.asOf > saved.lastAsOf);
  // The saved state carries every decision and agency; the ledger's tables are read only for a full rebuild.
  const resolver = await resolverFor(tx, incremental ? saved : null, aliases);
  log('identity read');
  // Reviewed `same` verdicts for two agencies already minted merge them. Their histories become one, so the
  // history is rebuilt in full (an edited alias file already means that: it changes the reference hash).
  const merges = resolver.applyMerges();
  await setMergedInto(tx, merges);
  if (merges.length > 0) log(`merged ${merges.map((m) => `${m.agencyId} into ${m.mergedInto}`).join(', ')}`);
  if (merges.length > 0 && incremental)
    return updateHistory(tx, fresh, runId, at, checkpoint, log, aliases, true);
  log('identity loaded');
  const pubs = incremental
    ? fresh
    : [...(await loadStoredPublications(tx, new Set(fresh.map((p) => p.id)))), ...fresh];
  log('publications ready');
  const fold = new HistoryFold(
    incremental ? saved : emptyState(reference),
    resolver,
    knownBad(),
    incremental,
    dates(at),
  );
  const step = fold.apply(pubs);
  // The listings are folded: let them go before the writes (a full rebuild holds ~190k of them).
  for (const p of pubs) p.listings = [];
  if (pubs.length >= 64) collectGarbage();
  const after = fold.finalize(incremental);
  log('history folded');
  await checkpoint('history-built');
  await writeHistory(tx, resolver, step, after, incremental, { id: runId, at }, pubs.length >= 64, log);
  return savedHistory(tx, fold, resolver, step, after, incremental, at, log);
}

/** The update's outcome; the fold's state is packed now and stored when the caller says (`saveState`). */
function savedHistory(
  tx: Db,
  fold: HistoryFold,
  resolver: Resolver,
  step: FoldStep,
  after: Finalized,
  incremental: boolean,
  at: string,
  log: (msg: string) => void,
): HistoryUpdate {
  const state: FoldState = fold.snapshot();
  const packed = packFoldState(state);
  // If the ingest fails before storing it, the compressed state is dropped (and its failure with it).
  packed.catch(() => undefined);
  log('history state packed');
  return {
    saveState: async () => {
      await storeFoldState(tx, await packed, at);
      log('history state saved');
    },
    mode: incremental ? 'incremental' : 'full',
    agreements: after.agreements.length,
    events: after.events.length,
    newAgencies: resolver.newAgencies().length,
    newDecisions: resolver.newDecisions().length,
    statuses: step.statuses,
    aliasConflicts: resolver.aliasConflicts(),
    duplicateRows: step.duplicates,
    owners: () => ({
      agencyOf: new Map(Object.entries(resolver.decidedKeys())),
      merged: new Map(resolver.allAgencies().map((a) => [a.agencyId, a.mergedInto])),
    }),
  };
}
