/**
 * Bad PDFs given to ingest: encrypted, truncated, with no pages, thousands of pages, deeply nested, a
 * decompression bomb, JavaScript. Each is refused (or, for the long one and the scripted one, read within limits)
 * with a reason naming the file; the documents already stored, their pages and the raw files do not change; the
 * reader works in its sandbox (memory and time bounded) and the ingest goes on with the next file.
 */
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Ledger } from '../../src/store/connection.ts';
import {
  bombPdf,
  deepNestingPdf,
  encryptedPdf,
  javascriptPdf,
  manyPagesPdf,
  textMoa,
  truncatedPdf,
  zeroPagePdf,
} from '../fixtures/moa-pdf.ts';
import { openPgliteLedger } from '../support/ledgers.ts';

const NOW = () => new Date('2025-04-01T12:00:00.000Z');
const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/** What documents the ledger holds: documents, their pages' text, and raw files, as plain rows. */
async function stored(l: Ledger) {
  const q = async (s: string) => (await sql.raw(s).execute(l.db)).rows;
  return {
    documents: await q('select sha256, file_name, page_count, status from documents order by sha256'),
    pages: await q('select sha256, page, text from document_pages order by sha256, page'),
    raw: await q('select sha256, size from raw_files order by sha256'),
  };
}

const REFUSED: [string, () => Promise<Uint8Array>, RegExp][] = [
  ['encrypted.pdf', encryptedPdf, /encrypted: the document needs a password/],
  ['truncated.pdf', () => truncatedPdf(), /truncated: the file does not end with the %%EOF marker/],
  ['no-pages.pdf', zeroPagePdf, /the document has no pages/],
  ['deep.pdf', () => deepNestingPdf(), /too deeply nested to read/],
  ['bomb.pdf', () => bombPdf(), /a decompression bomb: a stream of \d+ bytes inflates to more than 128 MB/],
];

describe('bad PDFs', () => {
  it('are refused with a reason naming the file; what is stored does not change', async () => {
    const { ledger, home } = await openPgliteLedger();
    homes.push(home);
    try {
      await ingest(ledger, [{ file: 'oakwood.pdf', bytes: Buffer.from(await textMoa()) }], { now: NOW });
      const before = await stored(ledger);
      expect(before.documents).toHaveLength(1);
      const inputs = [];
      for (const [file, make] of REFUSED) inputs.push({ file, bytes: Buffer.from(await make()) });
      const logs: string[] = [];
      const r = await ingest(ledger, inputs, { now: NOW, log: (m) => logs.push(m) });
      for (const [file, , reason] of REFUSED) {
        const got = r.inputs.find((i) => i.file === file);
        expect(got?.status, file).toBe('rejected');
        expect(got?.reason, file).toMatch(reason);
        expect(logs.join('\n')).toContain(`document ${file}: rejected (`);
      }
      expect(await stored(ledger)).toEqual(before);
    } finally {
      await ledger.close();
    }
  });

  it('thousands of pages are read up to the limit; JavaScript is never run and is noted', async () => {
    const { ledger, home } = await openPgliteLedger();
    homes.push(home);
    try {
      const r = await ingest(
        ledger,
        [
          { file: 'long.pdf', bytes: Buffer.from(await manyPagesPdf(3000)) },
          { file: 'scripted.pdf', bytes: Buffer.from(await javascriptPdf()) },
        ],
        { now: NOW },
      );
      expect(r.inputs.map((i) => [i.file, i.status])).toEqual([
        ['long.pdf', 'new'],
        ['scripted.pdf', 'new'],
      ]);
      const rows = (
        await sql<{ file_name: string; page_count: number; problems: string[]; pages: number }>`
          select d.file_name, d.page_count, d.problems, count(p.page)::int as pages
          from documents d left join document_pages p using (sha256)
          group by d.sha256, d.file_name, d.page_count, d.problems order by d.file_name`.execute(ledger.db)
      ).rows;
      expect(rows[0]).toMatchObject({ file_name: 'long.pdf', page_count: 3000, pages: 300 });
      expect(rows[0]?.problems).toContain('only the first 300 of 3000 pages were read (the limit)');
      expect(rows[1]).toMatchObject({ file_name: 'scripted.pdf', page_count: 4, pages: 4 });
      expect(rows[1]?.problems).toContain('the file contains JavaScript (never run here)');
    } finally {
      await ledger.close();
    }
  });
});
