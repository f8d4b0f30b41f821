/**
 * Archived copies of evidence sources (issue 18; `reassess evidence archive [--all]`). Each source URL of a public
 * record (published, or retracted after publication) is fetched through the one door to the network
 * (retrieve/http.ts: timeouts, retries, a byte cap, http(s) only), one URL at a time; a good answer's bytes go to the
 * raw store by sha256 (immutable: a page that changed is a second file, the first is kept), and every retrieval,
 * good or failed, is recorded with its time, status, media type and final URL. A failure is reported and never stops
 * the others. By default a URL already archived is not fetched again; `--all` fetches every one (to see changes).
 *
 * The archive is a fact about a retrieval, not an editor's words: a record's versions are never rewritten (nor sent
 * back to review) for it. The public side shows each source's copies (read/evidence.ts), the latest as its
 * archived sha256.
 */
import { isHttpUrl } from '../domain/evidence.ts';
import { FETCH_DEFAULTS, fetchWithRetry, type HttpGet } from '../retrieve/http.ts';
import type { Db } from '../store/db.ts';
import { listRecordRows, publishedVersions } from '../store/evidence.ts';
import {
  type ArchiveFetch,
  EVIDENCE_SOURCE_FETCH,
  recordArchiveRun,
  sourceFetchRows,
} from '../store/evidence-archives.ts';
import type { RawStore } from '../store/raw-store.ts';

export interface ArchiveDeps {
  http: HttpGet;
  now: () => Date;
  raw: RawStore;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Largest body kept; default 32 MiB (a source is a page or a document, not a data set). */
  maxBytes?: number;
}

export const ARCHIVE_MAX_BYTES = 32 * 1024 * 1024;

export interface ArchiveItem {
  url: string;
  /** `archived` (new bytes), `unchanged` (the bytes of an earlier copy), or `failed`. */
  outcome: 'archived' | 'unchanged' | 'failed';
  sha256: string | null;
  status: number | null;
  mediaType: string | null;
  finalUrl: string | null;
  error: string | null;
}

export interface ArchiveReport {
  /** Source URLs of public records. */
  sources: number;
  /** Already archived and not fetched again (without --all). */
  skipped: number;
  items: ArchiveItem[];
  /** The run that recorded the pass, or null when nothing was fetched. */
  runId: number | null;
}

/** Every distinct source URL of the public records (published or retracted), in record order. */
export async function publicSourceUrls(db: Db): Promise<string[]> {
  const versions = await publishedVersions(db);
  const urls = new Set<string>();
  for (const r of await listRecordRows(db)) {
    const v = r.publishedVersion === null ? undefined : versions.get(r.recordId);
    for (const s of v?.content.sources ?? []) urls.add(s.url);
  }
  return [...urls];
}

/** The media type a stored copy is recorded with: the answer's, without parameters; else octet-stream. */
function mediaTypeOf(contentType: string | null): string {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t) ? t : 'application/octet-stream';
}

/** Fetches one URL and stores its bytes; never throws for a retrieval problem. */
async function archiveOne(url: string, deps: ArchiveDeps): Promise<ArchiveFetch> {
  const got = await fetchWithRetry(url, {
    http: deps.http,
    now: deps.now,
    source: EVIDENCE_SOURCE_FETCH,
    timeoutMs: deps.timeoutMs ?? 30_000,
    retries: deps.retries ?? FETCH_DEFAULTS.retries,
    backoffMs: deps.backoffMs ?? FETCH_DEFAULTS.backoffMs,
    maxBytes: deps.maxBytes ?? ARCHIVE_MAX_BYTES,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const { record, body, finalUrl } = got;
  if (!body || !record.sha256) return { record, finalUrl, stored: null };
  if (finalUrl !== null && !isHttpUrl(finalUrl))
    return { record: { ...record, error: 'redirected to a non-http(s) URL' }, finalUrl, stored: null };
  if (body.length === 0) return { record: { ...record, error: 'empty body' }, finalUrl, stored: null };
  deps.raw.put(record.sha256, body);
  return { record, finalUrl, stored: { mediaType: mediaTypeOf(record.contentType) } };
}

function itemOf(f: ArchiveFetch, earlier: ReadonlySet<string>): ArchiveItem {
  const r = f.record;
  const ok = f.stored !== null && r.error === null;
  return {
    url: r.url,
    outcome: !ok ? 'failed' : earlier.has(`${r.url}\u0000${r.sha256}`) ? 'unchanged' : 'archived',
    sha256: ok ? r.sha256 : null,
    status: r.status,
    mediaType: f.stored?.mediaType ?? (r.contentType ? mediaTypeOf(r.contentType) : null),
    finalUrl: f.finalUrl,
    error: r.error,
  };
}

/**
 * Archives the given URLs (http(s) only: anything else is recorded as refused, never fetched) and records the pass
 * as one run. `earlier` copies (URL and sha256) make an unchanged answer `unchanged` rather than `archived`.
 */
export async function archiveUrls(
  db: Db,
  deps: ArchiveDeps,
  urls: readonly string[],
): Promise<ArchiveReport> {
  const before = await sourceFetchRows(db);
  const earlier = new Set(before.filter((b) => b.mediaType).map((b) => `${b.url}\u0000${b.sha256}`));
  const fetches: ArchiveFetch[] = [];
  for (const url of urls) fetches.push(await archiveOne(url, deps));
  const items = fetches.map((f) => itemOf(f, earlier));
  if (fetches.length === 0) return { sources: urls.length, skipped: 0, items, runId: null };
  const at = deps.now().toISOString();
  const counts = { archived: 0, unchanged: 0, failed: 0 };
  for (const i of items) counts[i.outcome]++;
  const runId = await recordArchiveRun(db, at, fetches, { action: 'archive', record: 'sources', ...counts });
  return { sources: urls.length, skipped: 0, items, runId };
}

/** Archives the public records' sources: those never archived, or every one with `all`. */
export async function archiveSources(
  db: Db,
  deps: ArchiveDeps,
  opts: { all: boolean },
): Promise<ArchiveReport> {
  const urls = await publicSourceUrls(db);
  const done = new Set((await sourceFetchRows(db)).filter((f) => f.mediaType !== null).map((f) => f.url));
  const todo = opts.all ? urls : urls.filter((u) => !done.has(u));
  const r = await archiveUrls(db, deps, todo);
  return { ...r, sources: urls.length, skipped: urls.length - todo.length };
}
