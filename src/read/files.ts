/**
 * The files the ledger stores, as the downloads page lists them: each by sha256 with its size and type, what it is
 * (an ICE list with its date and label, a reference table with its vintage, or an archived file) and every
 * retrieval that brought it (source, where from, when, HTTP status). A local file's path is shown by its name only.
 */
import type { Db } from '../store/db.ts';
import { storedFileRows } from '../store/stored-files.ts';

export interface Retrieval {
  source: string;
  /** The URL, or a local file's name. */
  from: string;
  at: string;
  status: number | null;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: string;
  firstSeen: string;
  /** `participating`, `pending` (ICE lists), a reference kind (`fbi-lee`, `acs-b03002`, …), or `archived`. */
  kind: string;
  /** An ICE list's date, or a reference table's vintage. */
  date: string | null;
  label: string | null;
  retrievals: Retrieval[];
}

const localName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Stored files, ICE lists newest first, then the reference tables and archived files by first sight. */
export async function storedFiles(db: Db): Promise<StoredFile[]> {
  const rows = await storedFileRows(db);
  const pubs = new Map(rows.publications.map((p) => [p.sha256, p]));
  const refs = new Map(rows.references.map((r) => [r.sha256, r]));
  const fetched = new Map<string, Retrieval[]>();
  for (const f of rows.fetches) {
    const list = fetched.get(f.sha256) ?? [];
    const from = f.source === 'local-file' ? localName(f.url) : f.url;
    if (!list.some((r) => r.from === from && r.source === f.source))
      list.push({ source: f.source, from, at: new Date(f.retrievedAt).toISOString(), status: f.status });
    fetched.set(f.sha256, list);
  }
  const out: StoredFile[] = rows.files.map((f) => {
    const p = pubs.get(f.sha256);
    const r = refs.get(f.sha256);
    return {
      sha256: f.sha256,
      size: Number(f.size),
      mediaType: f.mediaType,
      firstSeen: new Date(f.firstSeen).toISOString(),
      kind: p?.kind ?? r?.kind ?? 'archived',
      date: p?.date ?? r?.vintage ?? null,
      label: p?.label ?? null,
      retrievals: fetched.get(f.sha256) ?? [],
    };
  });
  const rank = (f: StoredFile) => (f.kind === 'participating' || f.kind === 'pending' ? 0 : 1);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) || (b.date ?? '').localeCompare(a.date ?? '') || a.sha256.localeCompare(b.sha256),
  );
}
