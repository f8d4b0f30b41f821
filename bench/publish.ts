/**
 * `reassess publish` of the full site (`npm run bench`): the time to write every page (both languages), the API
 * snapshots, downloads and feeds, and the size of what it writes, on a ledger built from the whole pack.
 */
import { exportSite } from '../src/publish/static-export.ts';
import { openLedger } from '../src/store/connection.ts';

/** Publishes the ledger in `home` (already built) into `out`; prints and returns time and size. */
export async function runPublishBench(home: string, out: string) {
  const ledger = await openLedger({ home });
  try {
    const r = await exportSite({ db: ledger.db, out, baseUrl: 'https://example.org/' });
    console.log(
      `reassess publish (full site): ${r.ms} ms, ${r.pages} pages, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB`,
    );
    return r;
  } finally {
    await ledger.close();
  }
}
