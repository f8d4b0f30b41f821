/** `reassess export --format csv|json [--out DIR]`: agencies, agreements, events, publications, places. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CsvValue, recordsToCsv } from '../domain/csv.ts';
import { UsageError } from '../domain/errors.ts';
import { listPlacements } from '../read/geography.ts';
import { listAgencies } from '../store/agencies.ts';
import { listAgreements, listChanges } from '../store/agreements.ts';
import { listSnapshots } from '../store/publications.ts';
import { type Context, withLedger } from './context.ts';

function flatten(row: Record<string, unknown>): Record<string, CsvValue> {
  const out: Record<string, CsvValue> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as CsvValue);
  return out;
}

export async function run(ctx: Context): Promise<number> {
  const format = ctx.flags.format;
  if (format !== 'csv' && format !== 'json')
    throw new UsageError('export needs --format csv or --format json');
  const dir = resolve(typeof ctx.flags.out === 'string' ? ctx.flags.out : 'reassess-export');
  const tables = await withLedger(ctx, async (l) => ({
    agencies: await listAgencies(l.db),
    agreements: await listAgreements(l.db),
    events: await listChanges(l.db, '0001-01-01'),
    publications: await listSnapshots(l.db),
    places: await listPlacements(l.db),
  }));
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, rows] of Object.entries(tables)) {
    const file = join(dir, `${name}.${format}`);
    if (format === 'json') writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
    // domain/csv.ts: the one CSV writer (cells that start like a formula are neutralised).
    else writeFileSync(file, recordsToCsv(rows.map((r) => flatten(r as Record<string, unknown>))));
    written.push(`${file} (${rows.length} rows)`);
  }
  if (ctx.json) ctx.out(JSON.stringify({ dir, files: written }, null, 2));
  else for (const w of written) ctx.out(w);
  return 0;
}
