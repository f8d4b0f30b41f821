/** Every ICE workbook of the data pack (REASSESS_DATA) as publications for the history fold, read as an ingest does. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PubIn } from '../../src/history/types.ts';
import { prepare } from '../../src/ingest/prepare.ts';
import { readCsvRecords, requirePackFile } from './pack.ts';

export function packPubs(): PubIn[] {
  const manifest = readCsvRecords(requirePackFile('ice-287g/manifest.csv'));
  return manifest
    .filter((m) => m.file?.endsWith('.xlsx'))
    .map((m, i) => {
      const bytes = readFileSync(requirePackFile(`ice-287g/${m.file}`));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const r = prepare({ bytes, file: `ice-287g/${m.file}`, sha256 });
      if (!r.ok) throw new Error(`ice-287g/${m.file}: ${r.reason}`);
      return {
        id: i + 1,
        sha256,
        kind: r.meta.kind,
        source: r.meta.source,
        asOf: r.meta.asOf,
        asOfDate: r.meta.asOfDate,
        contentHash: r.meta.contentHash,
        listings: r.listings,
        rows: r.rows.map((x) => x[0]),
      };
    });
}
