/**
 * Agreement IDs across a rebuild of the history (issue 14): an ID the ledger held before and that the rebuilt
 * history no longer has is mapped to the agreement that now holds the same listing rows (publication and row,
 * through the listing refs before and after). Rows split between several agreements go to the one holding most of
 * them (on a tie, the one holding the latest row); an ID whose rows no agreement holds now is gone. Pure.
 */
import type { RetiredAgreement } from '../domain/agreement.ts';
import { type CompactRefs, decodeRefs } from '../domain/listing-refs.ts';

interface Holder {
  rows: number;
  /** The latest publication (by id order of the refs given) whose row it holds. */
  latest: number;
}

/** Old ID → its rows, and per new ID how many of them the new one holds. */
function holders(
  vanished: ReadonlySet<string>,
  before: ReadonlyMap<number, CompactRefs>,
  after: ReadonlyMap<number, CompactRefs>,
): Map<string, { rows: number; to: Map<string, Holder> }> {
  const out = new Map<string, { rows: number; to: Map<string, Holder> }>();
  for (const [publication, c] of before) {
    const old = decodeRefs(c, publication).filter((r) => r.agreementId && vanished.has(r.agreementId));
    if (old.length === 0) continue;
    const now = after.get(publication);
    const byRow = new Map(now ? decodeRefs(now, publication).map((r) => [r.row, r.agreementId]) : []);
    for (const r of old) {
      const id = r.agreementId as string;
      const to = byRow.get(r.row) ?? null;
      const m = out.get(id) ?? { rows: 0, to: new Map<string, Holder>() };
      out.set(id, m);
      m.rows++;
      if (!to) continue;
      const h = m.to.get(to) ?? { rows: 0, latest: -1 };
      h.rows++;
      h.latest = Math.max(h.latest, publication);
      m.to.set(to, h);
    }
  }
  return out;
}

/**
 * The redirects of the IDs in `vanished` (held before a rebuild, not after), dated `date`. `known`: IDs the fold
 * retired itself (absorbed), which keep the fold's reason.
 */
export function rebuildRedirects(
  vanished: ReadonlySet<string>,
  before: ReadonlyMap<number, CompactRefs>,
  after: ReadonlyMap<number, CompactRefs>,
  date: string,
  known: ReadonlySet<string> = new Set(),
): RetiredAgreement[] {
  const held = holders(vanished, before, after);
  const out: RetiredAgreement[] = [];
  for (const id of [...vanished].sort()) {
    if (known.has(id)) continue;
    const m = held.get(id);
    const total = m?.rows ?? 0;
    const ranked = [...(m?.to ?? [])].sort((a, b) => b[1].rows - a[1].rows || b[1].latest - a[1].latest);
    const best = ranked[0];
    if (!best) {
      out.push({
        agreementId: id,
        into: null,
        kind: 'gone',
        reason: m
          ? `a rebuild of the history gave none of its ${total} listing row(s) to an agreement`
          : 'a rebuild of the history: no listing row of it was stored',
        date,
      });
      continue;
    }
    const others = ranked.slice(1).map(([to, h]) => `${h.rows} to ${to}`);
    out.push({
      agreementId: id,
      into: best[0],
      kind: 'rebuilt',
      reason: `a rebuild of the history gave ${best[1].rows} of its ${total} listing row(s) to ${best[0]}${others.length > 0 ? ` (${others.join(', ')})` : ''}`,
      date,
    });
  }
  return out;
}
