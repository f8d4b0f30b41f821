/**
 * Ingest: bytes → raw store → parse → (in one transaction) publications → history → derived tables.
 * A failure anywhere rolls the ledger back to what it was; a file that cannot be read is rejected with its
 * reason and changes nothing. Every run writes a report (counts, rejects, problems, gates, history figures).
 */
import type { Kysely, Transaction } from 'kysely';
import { InputError } from '../errors.ts';
import { loadReference } from '../reference/load.ts';
import { readWorkbook, sha256Hex } from '../sources/ice-workbook/read-workbook.ts';
import type { Ledger } from '../store/connection.ts';
import type { Database } from '../store/schema.ts';
import { insertFetch, insertPublication, insertRawFile, writeHistory } from '../store/write.ts';
import { buildHistory, type PubIn } from './history/build.ts';
import type { KnownBad } from './history/gate.ts';
import type { AgencyRecord, AliasEntry, Decision, Method } from './identify/resolver.ts';
import { agencyKey } from './normalize/agency-name.ts';
import { normalizePublication } from './normalize/listing.ts';
import { normalizeState } from './normalize/state.ts';
import type { FetchRecord, ListKind, ParsedPublication, Problem, RawRow } from './types.ts';

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

type Db = Kysely<Database> | Transaction<Database>;

function aliasEntries(): AliasEntry[] {
  return loadReference('agencyAliases').map((a) => {
    const sa = normalizeState(a.state_a).code ?? a.state_a;
    const sb = normalizeState(a.state_b).code ?? a.state_b;
    return {
      verdict: a.verdict as 'same' | 'distinct',
      a: { state: sa, key: agencyKey(a.name_a, sa) },
      b: { state: sb, key: agencyKey(a.name_b, sb) },
      evidence: a.evidence,
    };
  });
}

function knownBad(): KnownBad[] {
  return loadReference('knownBadPublications').map((k) => ({
    sha256: k.sha256.toLowerCase(),
    verdict: k.verdict as 'quarantine' | 'release',
    reason: k.reason,
    evidence: k.evidence,
  }));
}

/** Loads every stored publication with its rows; `fresh` holds publications parsed in this run (no re-read). */
async function loadPublications(db: Db, fresh: Map<number, ParsedPublication>): Promise<PubIn[]> {
  const pubs = await db
    .selectFrom('publications')
    .select([
      'publication_id',
      'sha256',
      'kind',
      'source',
      'as_of',
      'as_of_date',
      'content_hash',
      'file',
      'rows',
    ])
    .execute();
  const needed = pubs.filter((p) => !fresh.has(p.publication_id));
  const versions = new Map<string, { sig: string; cells: RawRow['cells'] }>();
  if (needed.length > 0) {
    const hashes = new Set<string>();
    for (const p of needed) for (const r of p.rows) hashes.add(r[1]);
    const all = await db.selectFrom('row_versions').select(['hash', 'sig', 'cells']).execute();
    for (const v of all) if (hashes.has(v.hash)) versions.set(v.hash, { sig: v.sig, cells: v.cells });
  }
  return pubs.map((p) => {
    const parsed = fresh.get(p.publication_id);
    const base = {
      id: p.publication_id,
      sha256: p.sha256,
      kind: p.kind as ListKind,
      source: p.source as PubIn['source'],
      asOf: p.as_of,
      asOfDate: p.as_of_date,
      contentHash: p.content_hash,
    };
    const rows: RawRow[] = parsed
      ? parsed.rows
      : p.rows.map(([row, hash, hidden]) => {
          const v = versions.get(hash);
          if (!v) throw new Error(`ledger is missing row version ${hash} of publication ${p.publication_id}`);
          return { row, hidden: hidden === 1, cells: v.cells, sig: v.sig };
        });
    return {
      ...base,
      listings: normalizePublication({ file: p.file, asOfDate: p.as_of_date, kind: base.kind, rows }),
    };
  });
}

async function loadIdentity(db: Db): Promise<{ decisions: Decision[]; agencies: AgencyRecord[] }> {
  const decisions = (await db.selectFrom('identity_decisions').selectAll().execute()).map((d) => ({
    state: d.state,
    key: d.name_key,
    name: d.name,
    agencyId: d.agency_id,
    method: d.method as Method,
    confidence: d.confidence,
    needsReview: d.needs_review,
    candidateId: d.candidate_id,
    explanation: d.explanation,
    decidedOn: d.decided_on,
  }));
  const agencies = (await db.selectFrom('agencies').selectAll().execute()).map((a) => ({
    agencyId: a.agency_id,
    state: a.state,
    key: a.name_key,
    name: a.first_name,
    firstSeen: a.first_seen,
    mergedInto: a.merged_into,
  }));
  return { decisions, agencies };
}

function summarizeProblems(list: Problem[]): RunReport['problems'] {
  const byCode: Record<string, number> = {};
  for (const p of list) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
  const sample = list.filter((p) => p.severity !== 'info').slice(0, 50);
  return { total: list.length, byCode, sample };
}

/** Ingests files; returns the run report. Throws only for failures of the ledger itself (rolled back). */
export async function ingest(ledger: Ledger, inputs: IngestInput[], deps: IngestDeps, command = 'ingest') {
  const started = deps.now();
  const startedAt = started.toISOString();
  const t0 = performance.now();
  const log = (m: string) => deps.log?.(`${m} (+${Math.round(performance.now() - t0)} ms)`);
  const results: InputResult[] = [];
  const parsed: { input: IngestInput; pub: ParsedPublication; fetch: FetchRecord }[] = [];
  const fetches: FetchRecord[] = [];
  const problems: Problem[] = [];

  const known = new Map<string, number>();
  for (const r of await ledger.db.selectFrom('publications').select(['sha256', 'publication_id']).execute())
    known.set(r.sha256, r.publication_id);
  const byContent = new Map<string, number>();
  for (const r of await ledger.db
    .selectFrom('publications')
    .select(['content_hash', 'publication_id'])
    .execute())
    byContent.set(r.content_hash, r.publication_id);

  const seenThisRun = new Set<string>();
  inputs.forEach((input, i) => {
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
    if (existing !== undefined || seenThisRun.has(sha256)) {
      fetches.push(fetch);
      results.push({
        file: input.file,
        sha256,
        status: 'unchanged',
        reason: 'same bytes already stored',
        publication: existing,
      });
      return;
    }
    try {
      const pub = readWorkbook(input.bytes, { file: input.file, label: input.label, sha256 });
      seenThisRun.add(sha256);
      parsed.push({ input, pub, fetch });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      fetches.push({ ...fetch, error: `rejected: ${e.reason}` });
      results.push({ file: input.file, sha256, status: 'rejected', reason: e.reason });
    }
  });

  // Raw bytes first: content-addressed and immutable, so a rollback below leaves at worst an unreferenced file.
  for (const { input, pub } of parsed) ledger.raw.put(pub.sha256, input.bytes);
  await deps.checkpoint?.('raw-stored');
  log(`parsed ${parsed.length} new file(s)`);

  const report = await ledger.db.transaction().execute(async (tx) => {
    const run = await tx
      .insertInto('runs')
      .values({ command, started_at: startedAt, finished_at: null, report: null })
      .returning('run_id')
      .executeTakeFirstOrThrow();
    const runId = run.run_id;
    for (const f of fetches) await insertFetch(tx, runId, f);
    const fresh = new Map<number, ParsedPublication>();
    const stored = new Set<string>();
    if (parsed.length > 0)
      for (const r of await tx.selectFrom('row_versions').select('hash').execute()) stored.add(r.hash);
    for (const { pub, fetch } of parsed) {
      await insertRawFile(tx, pub.sha256, pub.bytes, XLSX_MEDIA_TYPE, startedAt);
      await insertFetch(tx, runId, fetch);
      const id = await insertPublication(tx, pub, runId, startedAt, stored);
      fresh.set(id, pub);
      problems.push(...pub.problems);
      const same = byContent.get(pub.contentHash);
      results.push({
        file: pub.file,
        sha256: pub.sha256,
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
    await deps.checkpoint?.('publications-stored');
    log('publications stored');
    let history: RunReport['history'] = null;
    const gates: RunReport['gates'] = { quarantined: [] };
    if (parsed.length > 0) {
      log('building history');
      const pubs = await loadPublications(tx, fresh);
      for (const p of pubs) if (fresh.has(p.id)) for (const l of p.listings) problems.push(...l.problems);
      log('publications loaded and normalized');
      const identity = await loadIdentity(tx);
      const h = buildHistory({ pubs, ...identity, aliases: aliasEntries(), knownBad: knownBad() });
      await deps.checkpoint?.('history-built');
      log('history built');
      await writeHistory(tx, h, runId);
      for (const r of results) {
        const s = r.publication !== undefined ? h.statuses.get(r.publication) : undefined;
        if (s && r.status === 'new') r.gate = s.status;
      }
      const byId = new Map(pubs.map((p) => [p.id, p]));
      for (const [id, s] of h.statuses)
        if (s.status === 'quarantined')
          gates.quarantined.push({
            publication: id,
            date: byId.get(id)?.asOfDate ?? '',
            kind: byId.get(id)?.kind ?? '',
            reason: s.reason,
          });
      history = {
        publications: pubs.length,
        agencies: h.agencies.filter((a) => !a.mergedInto).length,
        agreements: h.agreements.length,
        events: h.events.length,
        reviewQueue: 0,
        newAgencies: h.newAgencies.length,
        newDecisions: h.newDecisions.length,
      };
      const q = await tx
        .selectFrom('identity_decisions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('needs_review', '=', true)
        .executeTakeFirstOrThrow();
      history.reviewQueue = Number(q.n);
      await deps.checkpoint?.('history-written');
      log('history written');
    }
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
  return report;
}
