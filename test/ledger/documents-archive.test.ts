/**
 * The archive of MOA links: a list's row links an MOA; the PDF retrieved from that link becomes a document tied
 * to the row's agreement; when the link later serves a different file, both versions are kept (two documents,
 * each with its retrieval), and the same bytes retrieved again are one document with a second retrieval. A
 * Wayback copy of the link is tied like the link itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FetchRecord } from '../../src/domain/types.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { documentDetail, listDocuments } from '../../src/read/documents.ts';
import { createReassessApp } from '../../src/server/app.ts';
import { listAgreements } from '../../src/store/agreements.ts';
import { OAKWOOD, textMoa } from '../fixtures/moa-pdf.ts';
import { fillerRows, icePublication, openPgliteLedger } from '../support/ledgers.ts';

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const LINK = 'https://www.ice.gov/doclib/287gMOA/287gWSO_OakwoodCoFL_2025-03-05.pdf';
const fetchOf = (url: string, bytes: Buffer, at: string, source = 'ice-moa'): FetchRecord => ({
  source,
  url,
  retrievedAt: at,
  status: 200,
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  error: null,
});

describe('archived MOA links', () => {
  it('tie documents to the agreements whose rows link them; a new file under a link keeps both', async () => {
    const { ledger, home } = await openPgliteLedger();
    homes.push(home);
    try {
      const list = icePublication({
        kind: 'participating',
        modified: '2025-03-10T15:00:00Z',
        rows: [
          ...fillerRows(5),
          {
            state: 'FL',
            agency: 'Oakwood County Sheriff Office',
            model: 'WSO',
            signed: '2025-03-05',
            moa: LINK,
          },
        ],
      });
      await ingest(ledger, [{ file: 'participating.xlsx', bytes: list }], {
        now: () => new Date('2025-03-11T00:00:00Z'),
      });
      const agreement = (await listAgreements(ledger.db)).find((a) => /oakwood/i.test(a.name));
      expect(agreement).toBeDefined();

      const v1 = Buffer.from(await textMoa(OAKWOOD));
      const v2 = Buffer.from(
        await textMoa({ ...OAKWOOD, civilRightsExtra: 'An amendment signed in April.' }),
      );
      const at = (d: string) => ({ now: () => new Date(d) });
      await ingest(
        ledger,
        [{ file: LINK, bytes: v1, fetch: fetchOf(LINK, v1, '2025-03-12T00:00:00Z') }],
        at('2025-03-12T00:00:00Z'),
      );
      await ingest(
        ledger,
        [{ file: LINK, bytes: v1, fetch: fetchOf(LINK, v1, '2025-04-12T00:00:00Z') }],
        at('2025-04-12T00:00:00Z'),
      );
      await ingest(
        ledger,
        [{ file: LINK, bytes: v2, fetch: fetchOf(LINK, v2, '2025-05-12T00:00:00Z') }],
        at('2025-05-12T00:00:00Z'),
      );
      const wayback = `https://web.archive.org/web/20250601000000id_/${LINK}`;
      await ingest(
        ledger,
        [{ file: wayback, bytes: v2, fetch: fetchOf(wayback, v2, '2025-06-02T00:00:00Z', 'wayback-moa') }],
        at('2025-06-02T00:00:00Z'),
      );

      const docs = await listDocuments(ledger.db);
      expect(docs).toHaveLength(2);
      for (const d of docs) expect(d.agreementIds).toEqual([agreement?.agreementId]);
      const [first, second] = await Promise.all(docs.map((d) => documentDetail(ledger.db, d.sha256)));
      const byFirstSeen = [first, second].sort((a, b) =>
        (a?.links[0]?.firstSeen ?? '').localeCompare(b?.links[0]?.firstSeen ?? ''),
      );
      const links = byFirstSeen.map((d) =>
        d?.links.map((l) => [l.url, l.kind, l.firstSeen?.slice(0, 10), l.lastSeen?.slice(0, 10)]),
      );
      expect(links[0]).toEqual([[LINK, 'moa', '2025-03-12', '2025-04-12']]);
      expect(links[1]).toEqual(
        expect.arrayContaining([
          [LINK, 'moa', '2025-05-12', '2025-05-12'],
          [wayback, 'moa', '2025-06-02', '2025-06-02'],
        ]),
      );
      // The agency page shows both archived copies beside ICE's link.
      const { app } = await createReassessApp({ db: ledger.db, rateLimit: false });
      const html = await (await app.request(`/agency/${agreement?.agencyId}/`)).text();
      for (const d of docs) expect(html).toContain(`/documents/${d.sha256}.pdf`);
      // The static export carries the document pages and the archived PDFs those links name, byte for byte.
      const site = join(home, 'site');
      await exportSite({ db: ledger.db, out: site, rawPath: (sha) => ledger.raw.pathOf(sha) });
      expect(existsSync(join(site, 'documents', 'index.html'))).toBe(true);
      for (const d of docs) {
        expect(existsSync(join(site, 'document', d.sha256, 'index.html'))).toBe(true);
        expect(existsSync(join(site, 'es', 'document', d.sha256, 'index.html'))).toBe(true);
        const pdf = readFileSync(join(site, 'documents', `${d.sha256}.pdf`));
        expect(createHash('sha256').update(pdf).digest('hex')).toBe(d.sha256);
      }
    } finally {
      await ledger.close();
    }
  });
});
