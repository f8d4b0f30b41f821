/** The retrieval record of an input: given by the caller (sync, backfill), or made for a local file. */
import type { FetchRecord } from '../domain/types.ts';
import type { IngestInput } from './types.ts';

/** The retrieval that produced an input: the one given (sync, backfill), else a local-file read made now. */
export function retrievalOf(input: IngestInput, sha256: string, now: () => Date): FetchRecord {
  return (
    input.fetch ?? {
      source: 'local-file',
      url: input.file,
      retrievedAt: now().toISOString(),
      status: null,
      contentType: null,
      size: input.bytes.length,
      sha256,
      error: null,
    }
  );
}
