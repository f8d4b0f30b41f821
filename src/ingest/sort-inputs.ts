/** The first stage of an ingest: the reference files among the inputs, and the workbooks. */
import type { ReferenceKind } from '../store/references.ts';
import { recognizeReference } from './reference.ts';
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
} {
  const references: SortedReference[] = [];
  const workbooks: IngestInput[] = [];
  for (const input of inputs) {
    const kind = recognizeReference(input.bytes);
    if (kind === null) workbooks.push(input);
    else references.push({ input, kind });
  }
  return { references, workbooks };
}
