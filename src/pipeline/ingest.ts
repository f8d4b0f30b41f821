/**
 * Ingest: bytes → raw store → parse → (in one transaction) publications → history → derived tables.
 * A failure anywhere rolls the ledger back to what it was; a file that cannot be read is rejected with its
 * reason and changes nothing. Every run writes a report (counts, rejects, problems, gates, history figures).
 */
import type { Transaction } from 'kysely';
import { InputError } from '../errors.ts';
import { readWorkbook, sha256Hex } from '../sources/ice-workbook/read-workbook.ts';
import type { Ledger } from '../store/connection.ts';
import type { Database } from '../store/schema.ts';
import { insertFetch, insertPublication, insertRawFile } from '../store/write.ts';
import { type PubIn, toFoldRow } from './history/types.ts';
import { normalizePublication } from './normalize/listing.ts';
import type { FetchRecord, ListKind, ParsedPublication, Problem } from './types.ts';
import { updateHistory } from './update-history.ts';

export { XLSX_MEDIA_TYPE } from './sha256.ts';

import { XLSX_MEDIA_TYPE } from './sha256.ts';

export interface IngestInput {
  bytes: Buffer;
  /** Path or URL, named in every problem and error. */
  file: string;
  /** ICE's file label (download name without extension), when known. */
  label?: string | null;
  /** The retrieval that produced the bytes (sync, backfill); local files get one made here. */
  fetch?: FetchRecord;
}

export interface InputResult {
  file: string;
  sha256: string;
  status: 'new' | 'unchanged' | 'rejected';
  reason?: string;
  publication?: number;
  kind?: ListKind;
  source?: string;
  asOfDate?: string;
  rows?: number;
  sameContentAs?: number;
  gate?: string;
}

export interface RunReport {
  run: number;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  inputs: InputResult[];
  counts: { inputs: number; new: number; unchanged: number; rejected: number };
  problems: { total: number; byCode: Record<string, number>; sample: Problem[] };
  gates: { quarantined: { publication: number; date: string; kind: string; reason: string | null }[] };
  history: {
    /** How the history was brought up to date: folded in (incremental) or rebuilt (full). */
    mode: 'incremental' | 'full';
    publications: number;
    agencies: number;
    agreements: number;
    events: number;
    reviewQueue: number;
    newAgencies: number;
    newDecisions: number;
  } | null;
}

export interface IngestDeps {
  now: () => Date;
  log?: (msg: string) => void;
  /** Called between stages so tests can simulate a crash mid-ingest. */
  checkpoint?: (stage: string) => void | Promise<void>;
}

function summarizeProblems(list: Problem[]): RunReport['problems'] {
  const byCode: Record<string, number> = {};
  for (const p of list) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
  const sample = list.filter((p) => p.severity !== 'info').slice(0, 50);
  return { total: list.length, byCode, sample };
}

/**
 * Row versions the ledger already holds, so each distinct row is sent once. For a large batch: all of them. For
 * a few files (a sync): those of the latest list of each kind, which hold nearly every row of a new list; the
 * insert skips the others on conflict anyway, so an incomplete set only costs a few extra rows.
 */
async function knownRowVersions(tx: Transaction<Database>, inputs: number): Promise<Set<string>> {
  const out = new Set<string>();
  if (inputs > 5) {
    for (const r of await tx.selectFrom('row_versions').select('hash').execute()) out.add(r.hash);
    return out;
  }
  for (const kind of ['participating', 'pending']) {
    const r = await tx
      .selectFrom('publications')
      .select('rows')
      .where('kind', '=', kind)
      .orderBy('as_of', 'desc')
      .limit(1)
      .executeTakeFirst();
    for (const [, hash] of r?.rows ?? []) out.add(hash);
  }
  return out;
}

/** Ingests files; returns the run report. Throws only for failures of the ledger itself (rolled back). */
export async function ingest(ledger: Ledger, inputs: IngestInput[], deps: IngestDeps, command = 'ingest') {
  const started = deps.now();
  const startedAt = started.toISOString();
  const t0 = performance.now();
  const log = (m: string) => deps.log?.(`${m} (+${Math.round(performance.now() - t0)} ms)`);
  const checkpoint = async (stage: string) => {
    await deps.checkpoint?.(stage);
  };
  const results: InputResult[] = [];
  const problems: Problem[] = [];

  return ledger.db.transaction().execute(async (tx) => {
    const run = await tx
      .insertInto('runs')
      .values({ command, started_at: startedAt, finished_at: null, report: null })
      .returning('run_id')
      .executeTakeFirstOrThrow();
    const runId = run.run_id;
    const known = new Map<string, number>();
    const byContent = new Map<string, number>();
    for (const r of await tx
      .selectFrom('publications')
      .select(['sha256', 'content_hash', 'publication_id'])
      .execute()) {
      known.set(r.sha256, r.publication_id);
      if (!byContent.has(r.content_hash)) byContent.set(r.content_hash, r.publication_id);
    }
    let stored: Set<string> | null = null;
    const fresh: PubIn[] = [];
    for (const [i, input] of inputs.entries()) {
      const sha256 = sha256Hex(input.bytes);
      const fetch: FetchRecord = input.fetch ?? {
        source: 'local-file',
        url: input.file,
        retrievedAt: deps.now().toISOString(),
        status: null,
        contentType: null,
        size: input.bytes.length,
        sha256,
        error: null,
      };
      if (inputs.length > 20 && i % 25 === 0) log(`reading ${i + 1}/${inputs.length} ${input.file}`);
      const existing = known.get(sha256);
      if (existing !== undefined) {
        await insertFetch(tx, runId, fetch);
        results.push({
          file: input.file,
          sha256,
          status: 'unchanged',
          reason: 'same bytes already stored',
          publication: existing,
        });
        continue;
      }
      let pub: ParsedPublication;
      try {
        pub = readWorkbook(input.bytes, { file: input.file, label: input.label, sha256 });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        await insertFetch(tx, runId, { ...fetch, error: `rejected: ${e.reason}` });
        results.push({ file: input.file, sha256, status: 'rejected', reason: e.reason });
        continue;
      }
      // Raw bytes first: content-addressed and immutable, so a rollback leaves at worst an unreferenced file.
      ledger.raw.put(sha256, input.bytes);
      if (!stored) stored = await knownRowVersions(tx, inputs.length);
      await insertRawFile(tx, sha256, pub.bytes, XLSX_MEDIA_TYPE, startedAt);
      await insertFetch(tx, runId, fetch);
      log(`parsed ${input.file}`);
      const id = await insertPublication(tx, pub, runId, startedAt, stored);
      known.set(sha256, id);
      // Keep only what the history needs; the parsed cells are in the ledger now.
      const listings = normalizePublication(pub);
      problems.push(...pub.problems);
      for (const l of listings) problems.push(...l.problems);
      fresh.push({
        id,
        sha256,
        kind: pub.kind,
        source: pub.source,
        asOf: pub.asOf,
        asOfDate: pub.asOfDate,
        contentHash: pub.contentHash,
        listings: listings.map(toFoldRow),
      });
      const same = byContent.get(pub.contentHash);
      results.push({
        file: pub.file,
        sha256,
        status: 'new',
        publication: id,
        kind: pub.kind,
        source: pub.source,
        asOfDate: pub.asOfDate,
        rows: pub.rows.length,
        ...(same !== undefined ? { sameContentAs: same } : {}),
      });
      if (same === undefined) byContent.set(pub.contentHash, id);
    }
    await checkpoint('publications-stored');
    log(`stored ${fresh.length} new publication(s)`);
    let history: RunReport['history'] = null;
    const gates: RunReport['gates'] = { quarantined: [] };
    if (fresh.length > 0) {
      const h = await updateHistory(tx, fresh, runId, checkpoint, log);
      log(`history updated (${h.mode})`);
      for (const r of results) {
        const s =
          r.publication !== undefined && r.status === 'new' ? h.statuses.get(r.publication) : undefined;
        if (s) r.gate = s.status;
      }
      const publications = await tx
        .selectFrom('publications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const agencies = await tx
        .selectFrom('agencies')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('merged_into', 'is', null)
        .executeTakeFirstOrThrow();
      const review = await tx
        .selectFrom('identity_decisions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('needs_review', '=', true)
        .executeTakeFirstOrThrow();
      history = {
        mode: h.mode,
        publications: Number(publications.n),
        agencies: Number(agencies.n),
        agreements: h.agreements,
        events: h.events,
        reviewQueue: Number(review.n),
        newAgencies: h.newAgencies,
        newDecisions: h.newDecisions,
      };
      await checkpoint('history-written');
    }
    const quarantined = await tx
      .selectFrom('publications')
      .select(['publication_id', 'as_of_date', 'kind', 'status_reason'])
      .where('status', '=', 'quarantined')
      .orderBy('as_of')
      .execute();
    gates.quarantined = quarantined.map((q) => ({
      publication: q.publication_id,
      date: q.as_of_date,
      kind: q.kind,
      reason: q.status_reason,
    }));
    const finished = deps.now();
    const out: RunReport = {
      run: runId,
      command,
      startedAt,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      inputs: results,
      counts: {
        inputs: inputs.length,
        new: results.filter((r) => r.status === 'new').length,
        unchanged: results.filter((r) => r.status === 'unchanged').length,
        rejected: results.filter((r) => r.status === 'rejected').length,
      },
      problems: summarizeProblems(problems),
      gates,
      history,
    };
    await tx
      .updateTable('runs')
      .set({ finished_at: out.finishedAt, report: JSON.stringify(out) })
      .where('run_id', '=', runId)
      .execute();
    return out;
  });
}
