/**
 * `reassess stops SUBCOMMAND`: stop datasets and their analyses (issue 17). `ingest FILE` loads an OPP CSV (plain
 * or zipped) or another publisher's file through a reviewed mapping; `list` shows the datasets; `rates`, `vod`,
 * `threshold` and `before-after` run a method on a dataset, print each result in words with its gates and
 * caveats (or all of it as JSON with --json) and record the run report in the ledger.
 */
import { join, resolve } from 'node:path';
import type { AnalyzeDeps } from '../analyze/deps.ts';
import type { MethodReport } from '../analyze/method-result.ts';
import { UsageError } from '../domain/errors.ts';
import type { Ledger } from '../store/connection.ts';
import { openStopsDb } from '../store/stops/duck.ts';
import { type Context, isDate, withLedger } from './context.ts';
import { printIngest, printList, printReports } from './stops-print.ts';

const SUBCOMMANDS = ['ingest', 'list', 'rates', 'vod', 'threshold', 'before-after'] as const;

/** The DuckDB file: REASSESS_DUCKDB_PATH, else stops.duckdb in the ledger's folder. */
export function duckPath(ctx: Context, ledger: Ledger): string {
  return ctx.env.REASSESS_DUCKDB_PATH
    ? resolve(ctx.env.REASSESS_DUCKDB_PATH)
    : join(ledger.home, 'stops.duckdb');
}

async function withStops<T>(ctx: Context, fn: (deps: AnalyzeDeps) => Promise<T>): Promise<T> {
  return withLedger(ctx, async (ledger) => {
    const duck = await openStopsDb({
      path: duckPath(ctx, ledger),
      memoryLimit: ctx.env.REASSESS_DUCKDB_MEMORY || '2GB',
      threads: 2,
    });
    try {
      return await fn({ ledger, duck, now: ctx.now, log: (m) => ctx.err(m) });
    } finally {
      duck.close();
    }
  });
}

const str = (ctx: Context, name: string) =>
  typeof ctx.flags[name] === 'string' ? (ctx.flags[name] as string) : undefined;

function int(ctx: Context, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  return Number(v);
}

function windowFlags(ctx: Context): { from?: string; to?: string } {
  const from = str(ctx, 'from');
  const to = str(ctx, 'to');
  for (const [k, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (v !== undefined && !isDate(v)) throw new UsageError(`--${k} must be a date (YYYY-MM-DD), got "${v}"`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function centreFlag(ctx: Context): { lat: number; lng: number } | undefined {
  const v = str(ctx, 'centre');
  if (v === undefined) return undefined;
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(v);
  const lat = Number(m?.[1]);
  const lng = Number(m?.[2]);
  if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    throw new UsageError(`--centre must be LAT,LNG, got "${v}"`);
  return { lat, lng };
}

async function ingest(ctx: Context): Promise<number> {
  const file = ctx.args[1];
  if (!file)
    throw new UsageError(
      'usage: reassess stops ingest FILE [--name NAME] [--agency ID_OR_NAME] [--mapping FILE]',
    );
  const county = str(ctx, 'county');
  if (county !== undefined && !/^\d{5}$/.test(county))
    throw new UsageError(`--county must be a 5-digit FIPS code, got "${county}"`);
  const { ingestStops } = await import('../analyze/ingest-stops.ts');
  const centre = centreFlag(ctx);
  const timeZone = str(ctx, 'time-zone');
  const report = await withStops(ctx, (deps) =>
    ingestStops(deps, {
      file: resolve(file),
      ...(str(ctx, 'name') ? { name: str(ctx, 'name') } : {}),
      ...(str(ctx, 'agency') ? { agency: str(ctx, 'agency') } : {}),
      ...(str(ctx, 'mapping') ? { mapping: resolve(str(ctx, 'mapping') as string) } : {}),
      ...(county ? { countyFips: county } : {}),
      ...(centre ? { centre } : {}),
      ...(timeZone ? { timeZone } : {}),
    }),
  );
  printIngest(ctx, report);
  return 0;
}

async function list(ctx: Context): Promise<number> {
  const { listStopDatasets } = await import('../store/stop-datasets.ts');
  printList(ctx, await withLedger(ctx, (l) => listStopDatasets(l.db)));
  return 0;
}

type Runner = (
  deps: AnalyzeDeps,
  id: string,
) => Promise<{ reports: MethodReport[]; options: Record<string, unknown> }>;

async function method(ctx: Context, name: string, runner: Runner): Promise<number> {
  const id = ctx.args[1];
  if (!id) throw new UsageError(`usage: reassess stops ${name} DATASET [options]`);
  const out = await withStops(ctx, async (deps) => {
    const r = await runner(deps, id);
    const { recordReports } = await import('../analyze/record.ts');
    const ids = await recordReports(deps, id, `stops ${name}`, r.options, r.reports);
    return { ...r, ids };
  });
  printReports(ctx, out.reports, out.ids);
  return 0;
}

export async function run(ctx: Context): Promise<number> {
  const sub = ctx.args[0];
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub))
    throw new UsageError(`usage: reassess stops ${SUBCOMMANDS.join('|')} … (see reassess --help)`);
  if (sub === 'ingest') return ingest(ctx);
  if (sub === 'list') return list(ctx);
  const { runners } = await import('./stops-methods.ts');
  return method(ctx, sub, runners(ctx, { str, int, windowFlags })[sub as keyof ReturnType<typeof runners>]);
}
