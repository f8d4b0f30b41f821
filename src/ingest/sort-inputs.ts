/** The first stage of an ingest: the reference files among the inputs, and the workbooks. */
import type { ReferenceKind } from '../store/references.ts';
import { recognizeReference } from './reference.ts';
import { isPdf } from './store-documents.ts';
import type { IngestInput } from './types.ts';

/** A reference file to store (`unknown`: text that is neither a workbook nor a known table, to reject). */
export interface SortedReference {
  input: IngestInput;
  kind: ReferenceKind | 'unknown';
  /** The county shapes shipped with the program, loaded because the ledger has none. */
  bundled?: boolean;
}

/** The reference files among the inputs, and the other inputs (workbooks, or files the workbook reader rejects). */
export function sortInputs(inputs: readonly IngestInput[]): {
  references: SortedReference[];
  workbooks: IngestInput[];
  documents: IngestInput[];
} {
  const references: SortedReference[] = [];
  const workbooks: IngestInput[] = [];
  const documents: IngestInput[] = [];
  for (const input of inputs) {
    if (isPdf(input.bytes)) {
      documents.push(input);
      continue;
    }
    const kind = recognizeReference(input.bytes);
    if (kind === null) workbooks.push(input);
    else references.push({ input, kind });
  }
  return { references, workbooks, documents };
}
