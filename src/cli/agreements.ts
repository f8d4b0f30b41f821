/** `reassess agreements [--active-on DATE] [--state XX] [--status S] [--json]`. */
import { AGREEMENT_STATUSES, inGraceOn } from '../domain/agreement.ts';
import { UsageError } from '../domain/errors.ts';
import { type Reconciliation, reconcile } from '../history/reconcile.ts';
import { listAgreements } from '../store/agreements.ts';
import { publicationOn, refsOf } from '../store/publications.ts';
import { type Context, choiceFlag, isDate, stateFlag, table, withLedger } from './context.ts';

/** The reconciliation in words: active agreements against ICE's rows on the list in force. */
export function reconciliationText(r: Reconciliation): string {
  const parts = [`${r.active} agreement(s) active on ${r.on}`];
  if (r.listDate === null) return `${parts[0]}; no participating list on or before that date`;
  parts.push(`${r.onList} on ICE's list of ${r.listDate} (${r.rows} rows`);
  const less: string[] = [];
  if (r.duplicateRows > 0) less.push(`${r.duplicateRows} duplicate row(s) counted once`);
  if (r.rowsWithoutAgreement > 0) less.push(`${r.rowsWithoutAgreement} row(s) naming no agreement`);
  parts[1] += less.length > 0 ? `, less ${less.join(' and ')})` : ')';
  parts.push(`${r.inGrace} missing from that list but within the grace rule (fewer than three lists missed)`);
  if (r.onListNotActive > 0) parts.push(`${r.onListNotActive} on the list but not active`);
  return parts.join('; ');
}

export async function run(ctx: Context): Promise<number> {
  const on = ctx.flags['active-on'];
  if (on !== undefined && (typeof on !== 'string' || !isDate(on)))
    throw new UsageError('--active-on needs a date YYYY-MM-DD');
  const state = stateFlag(ctx);
  const status = choiceFlag(ctx, 'status', AGREEMENT_STATUSES);
  const { rows, reconciliation } = await withLedger(ctx, async (l) => {
    const rows = await listAgreements(l.db, { activeOn: on as string | undefined, state, status });
    if (typeof on !== 'string' || state || status) return { rows, reconciliation: null };
    const pub = await publicationOn(l.db, 'participating', on);
    const refs = pub ? await refsOf(l.db, pub.publication_id) : [];
    return { rows, reconciliation: reconcile(on, pub?.as_of_date ?? null, refs, rows) };
  });
  // On a date, "not on the list" is judged against the list in force then; otherwise against the latest list.
  const shown = rows.map((a) => {
    const off = typeof on === 'string' ? inGraceOn(a.intervals, on) : a.notOnLatestList;
    return { ...a, notOnList: off, shownStatus: off ? `${a.status}, not on the latest list` : a.status };
  });
  if (ctx.json) {
    const out = shown.map(({ shownStatus: _, ...a }) => a);
    ctx.out(JSON.stringify(reconciliation ? { agreements: out, reconciliation } : out, null, 2));
  } else {
    ctx.out(
      table(
        shown.map((a) => ({ ...a, status: a.shownStatus })),
        ['state', 'name', 'model', 'status', 'signed', 'firstListed', 'lastListed', 'agreementId'],
      ),
    );
    ctx.out(reconciliation ? reconciliationText(reconciliation) : `${rows.length} agreement(s)`);
  }
  return 0;
}
