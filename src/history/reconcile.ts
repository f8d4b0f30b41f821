/**
 * The reconciliation of a date's active agreements with ICE's row count (issue 14, "honest status"): ICE's rows on
 * the list in force, less the rows that repeat an agreement already counted (duplicate rows) and rows that name no
 * agreement (no agency or model), plus the agreements missing from that list but still inside the grace rule
 * (missed fewer than three lists in a row). Pure: the list's refs and the active agreements in, the terms out.
 */
import type { ShownInterval } from '../domain/agreement.ts';
import type { ListingRef } from '../domain/listing-refs.ts';

export interface Reconciliation {
  /** The date asked, and the date of the participating list in force on it. */
  on: string;
  listDate: string | null;
  /** ICE's data rows on that list. */
  rows: number;
  duplicateRows: number;
  rowsWithoutAgreement: number;
  /** Agreements on the list: rows − duplicateRows − rowsWithoutAgreement. */
  onList: number;
  /** Active on the date by the grace rule, missing from the list. */
  inGrace: number;
  /** Agreements on the list that are not active on the date (0 unless the history is inconsistent). */
  onListNotActive: number;
  /** Active agreements: onList + inGrace − onListNotActive. */
  active: number;
}

export interface ActiveAgreement {
  agreementId: string;
  intervals: readonly ShownInterval[];
}

export function reconcile(
  on: string,
  listDate: string | null,
  refs: readonly Pick<ListingRef, 'agreementId' | 'duplicate'>[],
  active: readonly ActiveAgreement[],
): Reconciliation {
  let duplicateRows = 0;
  let rowsWithoutAgreement = 0;
  const listed = new Set<string>();
  for (const r of refs) {
    if (!r.agreementId) rowsWithoutAgreement++;
    else if (r.duplicate || listed.has(r.agreementId)) duplicateRows++;
    else listed.add(r.agreementId);
  }
  const activeIds = new Set(active.map((a) => a.agreementId));
  // Active on the date and not on its list: missing from fewer than three lists in a row (at the end, or a gap).
  const inGrace = active.filter((a) => !listed.has(a.agreementId)).length;
  const onListNotActive = [...listed].filter((id) => !activeIds.has(id)).length;
  return {
    on,
    listDate,
    rows: refs.length,
    duplicateRows,
    rowsWithoutAgreement,
    onList: listed.size,
    inGrace,
    onListNotActive,
    active: active.length,
  };
}

/** Whether the terms sum: active = rows − duplicateRows − rowsWithoutAgreement + inGrace − onListNotActive. */
export function reconciles(r: Reconciliation): boolean {
  return r.active === r.rows - r.duplicateRows - r.rowsWithoutAgreement + r.inGrace - r.onListNotActive;
}
