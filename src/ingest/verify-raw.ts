/**
 * `reassess verify`: every file of the raw store re-hashed against the sha256 it is stored under (issue 13: a
 * corrupted or deleted raw file went unnoticed). With a fetcher passed in (`--refetch`), a damaged or missing file
 * that was once downloaded is fetched again from its recorded URL and stored only if its bytes hash right.
 */

import type { Db } from '../store/db.ts';
import { rawFilesWithSource } from '../store/raw-files.ts';
import type { RawStore } from '../store/raw-store.ts';

export interface VerifyProblem {
  /** The file's path under the ledger folder. */
  file: string;
  state: 'missing' | 'damaged';
  expected: string;
  /** sha256 of the bytes found (null: no file). */
  found: string | null;
  /** With a fetcher: what refetching did. */
  refetch?: string;
}

export interface VerifyReport {
  checked: number;
  problems: VerifyProblem[];
  repaired: number;
}

/** Re-hashes the raw store; `fetch` (url → bytes) repairs what it can. */
export async function verifyRawStore(
  db: Db,
  raw: RawStore,
  fetch?: (url: string) => Promise<Buffer>,
): Promise<VerifyReport> {
  const files = await rawFilesWithSource(db);
  const problems: VerifyProblem[] = [];
  let repaired = 0;
  for (const f of files) {
    const c = raw.check(f.sha256);
    if (c.state === 'ok') continue;
    const p: VerifyProblem = {
      file: `raw/${f.sha256.slice(0, 2)}/${f.sha256}`,
      state: c.state,
      expected: f.sha256,
      found: c.found,
    };
    if (fetch) {
      p.refetch = await refetchOne(raw, f.sha256, f.url, fetch);
      if (p.refetch.startsWith('repaired')) repaired++;
    }
    problems.push(p);
  }
  return { checked: files.length, problems, repaired };
}

async function refetchOne(
  raw: RawStore,
  sha256: string,
  url: string | null,
  fetch: (url: string) => Promise<Buffer>,
): Promise<string> {
  if (!url) return 'not refetched: no recorded URL (a local file: ingest it again)';
  let bytes: Buffer;
  try {
    bytes = await fetch(url);
  } catch (e) {
    return `not refetched: ${url}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const { createHash } = await import('node:crypto');
  const got = createHash('sha256').update(bytes).digest('hex');
  if (got !== sha256) return `not stored: ${url} now serves other bytes (sha256 ${got})`;
  raw.replace(sha256, bytes);
  return `repaired from ${url}`;
}
