/**
 * Every stored file and what the ledger knows of it (for the downloads page): the raw_files rows, the
 * retrievals that brought each (fetches with a sha256), and what each file is — an ICE list (its kind, date and
 * label) or a reference table (its kind and vintage). MOA PDFs and other archived files are raw files only.
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

export interface StoredFileRows {
  files: { sha256: string; size: number; mediaType: string; firstSeen: string }[];
  fetches: { sha256: string; source: string; url: string; retrievedAt: string; status: number | null }[];
  publications: {
    sha256: string;
    kind: string;
    date: string;
    label: string | null;
    source: string;
    status: string;
  }[];
  references: { sha256: string; kind: string; vintage: string }[];
}

export async function storedFileRows(db: Db): Promise<StoredFileRows> {
  const files = await db
    .selectFrom('raw_files')
    .select(['sha256', 'size', 'media_type as mediaType', 'first_seen as firstSeen'])
    .orderBy('first_seen')
    .orderBy('sha256')
    .execute();
  const fetches = await db
    .selectFrom('fetches')
    .select(['sha256', 'source', 'url', 'retrieved_at as retrievedAt', 'status'])
    .where('sha256', 'is not', null)
    .where('error', 'is', null)
    .orderBy('retrieved_at')
    .orderBy('fetch_id')
    .execute();
  const publications = await db
    .selectFrom('publications')
    .select(['sha256', 'kind', sql<string>`as_of_date::text`.as('date'), 'label', 'source', 'status'])
    .execute();
  const references = await db.selectFrom('reference_files').select(['sha256', 'kind', 'vintage']).execute();
  return {
    files,
    fetches: fetches.map((f) => ({ ...f, sha256: f.sha256 as string })),
    publications,
    references,
  };
}
