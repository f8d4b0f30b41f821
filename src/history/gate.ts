/**
 * Publication gates: which publications the history may apply.
 *
 * - `quarantined`: listed in known-bad-publications.csv, dated implausibly (date-plausibility.ts: before the
 *   program's first list, after now, or before a signature it lists), or a participating list whose row count
 *   drops below half of the last good participating list (ICE once published lists missing two thirds of the
 *   agencies for a day). Kept, reported, not applied. A pending list shrinks whenever agreements are signed, so the size gate
 *   does not apply to it; known-bad entries still do.
 * - `duplicate-content`: the same cells as the last good publication of the kind (a re-save); it confirms the
 *   listing on its date but adds no events.
 * - `ok`: applied.
 */
import type { ListKind } from '../domain/types.ts';
import { type DatePolicy, implausibleDate } from './date-plausibility.ts';

export type PublicationStatus = 'ok' | 'quarantined' | 'duplicate-content';

export const SIZE_DROP_RATIO = 0.5;

export interface GateInput {
  id: number;
  sha256: string;
  kind: ListKind;
  asOfDate: string;
  rows: number;
  contentHash: string;
  /** The latest signed date the list names (null: none, or a pending list). */
  newestSigned?: string | null;
}

export interface KnownBad {
  sha256: string;
  verdict: 'quarantine' | 'release';
  reason: string;
  evidence: string;
}

export interface GateResult {
  status: PublicationStatus;
  reason: string | null;
}

export class Gate {
  private readonly lastGood = new Map<ListKind, GateInput>();
  private readonly bad = new Map<string, KnownBad>();

  constructor(
    knownBad: readonly KnownBad[],
    lastGood: Partial<Record<ListKind, GateInput>> = {},
    /** Without one (tests of other rules), dates are not judged. */
    private readonly dates: DatePolicy | null = null,
  ) {
    for (const k of knownBad) this.bad.set(k.sha256.toLowerCase(), k);
    for (const [kind, p] of Object.entries(lastGood)) if (p) this.lastGood.set(kind as ListKind, p);
  }

  /** The gate's memory, to save with the history state. */
  lastGoodByKind(): Partial<Record<ListKind, GateInput>> {
    return Object.fromEntries(this.lastGood) as Partial<Record<ListKind, GateInput>>;
  }

  /** Publications must be passed in as-of order. */
  check(p: GateInput): GateResult {
    const bad = this.bad.get(p.sha256);
    if (bad?.verdict === 'quarantine')
      return { status: 'quarantined', reason: `known-bad-publications.csv: ${bad.reason}` };
    // A misdated list never becomes the last good one: later lists are never judged against it.
    const misdated =
      bad?.verdict !== 'release' && this.dates
        ? implausibleDate(p.asOfDate, p.newestSigned ?? null, this.dates)
        : null;
    if (misdated) return { status: 'quarantined', reason: misdated };
    const last = this.lastGood.get(p.kind);
    if (last && last.contentHash === p.contentHash)
      return { status: 'duplicate-content', reason: `same cells as the ${last.asOfDate} publication` };
    if (
      bad?.verdict !== 'release' &&
      p.kind === 'participating' &&
      last &&
      last.rows >= 20 &&
      p.rows < last.rows * SIZE_DROP_RATIO
    ) {
      const drop = Math.round((1 - p.rows / last.rows) * 100);
      return {
        status: 'quarantined',
        reason: `size drop: ${p.rows} rows against ${last.rows} in the last good list (${last.asOfDate}), −${drop}%`,
      };
    }
    this.lastGood.set(p.kind, p);
    return { status: 'ok', reason: null };
  }
}
