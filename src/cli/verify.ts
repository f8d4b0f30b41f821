/**
 * `reassess verify [--refetch]`: re-hashes every file of the raw store against the sha256 it is stored under and
 * names each damaged or missing one (file, expected, found); exit 3 when any is left so. `--refetch` downloads a
 * damaged file again from the URL it was retrieved from and stores it only if its bytes hash right.
 */

import { verifyRawStore } from '../ingest/verify-raw.ts';
import { FETCH_DEFAULTS, type HttpGet, nodeHttpGet } from '../retrieve/http.ts';
import { type Context, table, withLedger } from './context.ts';

/** `http`: the network (tests pass one that talks to 127.0.0.1). */
export function runVerify(http: HttpGet = nodeHttpGet) {
  return async (ctx: Context): Promise<number> => {
    const timeoutMs = Number(ctx.env.REASSESS_TIMEOUT_MS) || FETCH_DEFAULTS.timeoutMs;
    const fetch = async (url: string) => {
      const r = await http(url, { timeoutMs, maxBytes: FETCH_DEFAULTS.maxBytes });
      if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
      return r.body;
    };
    const report = await withLedger(ctx, (l) =>
      verifyRawStore(l.db, l.raw, ctx.flags.refetch === true ? fetch : undefined),
    );
    const left = report.problems.length - report.repaired;
    if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      if (report.problems.length > 0)
        ctx.out(
          table(
            report.problems.map((p) => ({ ...p, found: p.found ?? '(no file)' })),
            ctx.flags.refetch === true
              ? ['file', 'state', 'expected', 'found', 'refetch']
              : ['file', 'state', 'expected', 'found'],
          ),
        );
      ctx.out(
        `verify: ${report.checked} raw file(s) checked, ${report.problems.length} damaged or missing` +
          (ctx.flags.refetch === true ? `, ${report.repaired} repaired` : ''),
      );
    }
    return left > 0 ? 3 : 0;
  };
}

export const run = runVerify();
