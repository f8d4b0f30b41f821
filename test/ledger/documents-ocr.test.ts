/**
 * A scanned MOA (each page an image of its text, no text layer): ingest stores it with every page waiting for OCR
 * and no field guessed; the OCR queue (Debian tesseract) reads it; the same fields as the text MOA's come out, each
 * with its page and a confidence below a text layer's 1.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { debianTesseract } from '../../src/ocr/engines.ts';
import { workQueue } from '../../src/ocr/queue.ts';
import { documentDetail, listDocuments } from '../../src/read/documents.ts';
import { OAKWOOD, scannedMoa, textMoa } from '../fixtures/moa-pdf.ts';
import { openPgliteLedger } from '../support/ledgers.ts';

const NOW = () => new Date('2025-04-01T12:00:00.000Z');
const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

describe('a scanned MOA', () => {
  it('waits for OCR, then gives the fields the text MOA gives', async () => {
    const { ledger, home } = await openPgliteLedger();
    homes.push(home);
    try {
      const scan = Buffer.from(await scannedMoa(OAKWOOD, [1, 3]));
      const text = Buffer.from(await textMoa(OAKWOOD));
      await ingest(
        ledger,
        [
          { file: 'oakwood-scan.pdf', bytes: scan },
          { file: 'oakwood-text.pdf', bytes: text },
        ],
        { now: NOW },
      );
      const docs = await listDocuments(ledger.db);
      const s = docs.find((d) => d.fileName === 'oakwood-scan.pdf');
      expect(s).toMatchObject({ pages: 2, ocrPages: 2, pendingPages: 2, party: null, model: null });

      const engine = await debianTesseract({ nice: false });
      try {
        const r = await workQueue({
          db: ledger.db,
          raw: ledger.raw,
          engine,
          now: NOW,
          owner: `${process.pid}@test`,
        });
        expect(r).toEqual({ documents: 1, failed: 0, stopped: false });
      } finally {
        await engine.close();
      }
      const d = await documentDetail(ledger.db, s?.sha256 as string);
      const f = d?.fields;
      expect(d?.pendingPages).toBe(0);
      expect(f?.agencyName.value).toMatch(/^oakwood county sheriff office$/i);
      expect(f?.agencyName.evidence?.page).toBe(1);
      expect(f?.agencyName.confidence).toBeLessThan(0.9);
      expect(f?.model.value).toBe('WSO');
      expect(f?.templateRevision.value).toBe('2025-02-12');
      const lea = f?.signatures.find((x) => x.party === 'LEA');
      const ice = f?.signatures.find((x) => x.party === 'ICE');
      expect(lea?.name.value).toMatch(/^john smith$/i);
      expect(lea?.date.value).toBe('2025-03-01');
      expect(lea?.date.evidence?.page).toBe(2);
      expect(ice?.name.value).toMatch(/^jane doe$/i);
      expect(ice?.date.value).toBe('2025-03-05');
      // Search finds the OCR'd words like any text.
      const { searchDocuments } = await import('../../src/read/documents.ts');
      const hits = await searchDocuments(ledger.db, '"hereinafter referred"', {}, 10);
      expect(hits.hits.map((h) => h.fileName).sort()).toEqual(['oakwood-scan.pdf', 'oakwood-text.pdf']);
    } finally {
      await ledger.close();
    }
  });
});
