/**
 * MOA documents (issue 15), on the pack's 15 PDFs (`ice-287g/moa/`):
 * 1. text extraction: every page's text layer read in the PDF sandbox (pages/s);
 * 2. OCR engines compared in the same run on the same page images: Debian's tesseract and tesseract.js, pages/s
 *    on the scans' first pages, and word accuracy on a generated scan whose text is known (the default engine is
 *    picked by these numbers: see the note printed);
 * 3. the whole folder ingested into an empty ledger, then its OCR queue worked to the end (the default engine);
 * 4. search p99: the 15 documents replicated to 2,000 (their pages copied under new hashes), then phrase, word
 *    and prefix queries timed one by one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ingest } from '../src/ingest/ingest.ts';
import { debianTesseract, type OcrEngine, tesseractJs } from '../src/ocr/engines.ts';
import { workQueue } from '../src/ocr/queue.ts';
import { searchDocuments } from '../src/read/documents.ts';
import { parseTsv } from '../src/sources/moa-pdf/ocr-tsv.ts';
import { PdfSandbox } from '../src/sources/moa-pdf/sandbox.ts';
import { openLedger } from '../src/store/connection.ts';
import { moaPages, OAKWOOD, scanPage } from '../test/fixtures/moa-pdf.ts';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Share of the known words found, in order (a word diff's kept words over the truth's words). */
function wordAccuracy(truth: string, read: string): number {
  const a = truth.toLowerCase().split(/\s+/).filter(Boolean);
  const b = read.toLowerCase().split(/\s+/).filter(Boolean);
  const dp = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      (dp[i] as Uint16Array)[j] =
        a[i - 1] === b[j - 1]
          ? ((dp[i - 1] as Uint16Array)[j - 1] as number) + 1
          : Math.max((dp[i - 1] as Uint16Array)[j] as number, (dp[i] as Uint16Array)[j - 1] as number);
  return ((dp[a.length] as Uint16Array)[b.length] as number) / a.length;
}

async function engineRun(engine: OcrEngine, images: Buffer[], known: { png: Buffer; text: string }[]) {
  const t = performance.now();
  let conf = 0;
  let words = 0;
  for (const png of images) {
    for (const w of parseTsv(await engine.recognize(png))) {
      conf += w.conf;
      words++;
    }
  }
  const s = (performance.now() - t) / 1000;
  let acc = 0;
  for (const k of known)
    acc += wordAccuracy(
      k.text,
      parseTsv(await engine.recognize(k.png))
        .map((w) => w.text)
        .join(' '),
    );
  return {
    engine: engine.version,
    pagesPerSecond: round(images.length / s, 3),
    secondsPerPage: round(s / images.length, 2),
    meanWordConfidence: round(conf / Math.max(1, words), 1),
    wordAccuracyOnKnownScan: round(acc / known.length, 3),
  };
}

export async function runDocumentsBench(data: string, home: string): Promise<Record<string, unknown>> {
  const dir = join(data, 'ice-287g', 'moa');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const buffers = files.map((f) => readFileSync(join(dir, f)));
  const out: Record<string, unknown> = { documents: files.length };
  const sandbox = new PdfSandbox();
  try {
    // 1. Text layer.
    let pages = 0;
    let textPages = 0;
    const scans: { bytes: Buffer; file: string; page: number }[] = [];
    const t = performance.now();
    for (const [i, b] of buffers.entries()) {
      const r = await sandbox.read(b, files[i] as string);
      pages += r.pages.length;
      textPages += r.pages.filter((p) => !p.needsOcr).length;
      const first = r.pages.find((p) => p.needsOcr);
      if (first) scans.push({ bytes: b, file: files[i] as string, page: first.page });
    }
    const ts = (performance.now() - t) / 1000;
    out.text = { pages, textPages, seconds: round(ts, 2), pagesPerSecond: round(pages / ts) };

    // 2. Engines, same images.
    const images: Buffer[] = [];
    for (const s of scans) {
      const [img] = await sandbox.raster(s.bytes, [s.page], s.file);
      if (img?.png) images.push(Buffer.from(img.png));
    }
    const known = moaPages(OAKWOOD)
      .slice(0, 2)
      .map((lines) => ({
        png: scanPage(lines),
        text: lines.map((l) => [l.text, l.also?.text ?? ''].join(' ')).join(' '),
      }));
    const engines: Record<string, unknown>[] = [];
    for (const make of [() => debianTesseract({ nice: false }), () => tesseractJs()]) {
      const e = await make();
      try {
        engines.push(await engineRun(e, images, known));
      } finally {
        await e.close();
      }
    }
    out.ocrEngines = { pages: images.length, engines };
  } finally {
    await sandbox.close();
  }

  // 3. The folder ingested, then OCR'd.
  const ledger = await openLedger({ home });
  try {
    let t = performance.now();
    await ingest(
      ledger,
      files.map((f, i) => ({ file: join(dir, f), bytes: buffers[i] as Buffer })),
      { now: () => new Date() },
    );
    const ingestS = (performance.now() - t) / 1000;
    const engine = await debianTesseract({ nice: false });
    let ocrPages = 0;
    t = performance.now();
    try {
      await workQueue({
        db: ledger.db,
        raw: ledger.raw,
        engine,
        now: () => new Date(),
        owner: `${process.pid}@bench`,
        onPage: () => {
          ocrPages++;
        },
      });
    } finally {
      await engine.close();
    }
    const ocrS = (performance.now() - t) / 1000;
    out.pack = {
      ingestSeconds: round(ingestS, 2),
      ocrPages,
      ocrSeconds: round(ocrS, 1),
      ocrPagesPerSecond: round(ocrPages / ocrS, 3),
      engine: engine.version,
    };

    // 4. Search over 2,000 documents.
    await replicate(ledger.db, 2000);
    const queries = [
      '"complaint procedure"',
      'training',
      'supervis*',
      '"hereinafter referred to"',
      'sheriff -jail',
      '"public information"',
      'civil rights',
      'terminat*',
      '"287(g)"',
      'adjutant general',
    ];
    const times: number[] = [];
    for (let round_ = 0; round_ < 5; round_++)
      for (const q of queries) {
        const s = performance.now();
        await searchDocuments(ledger.db, q, {}, 20);
        times.push(performance.now() - s);
      }
    times.sort((a, b) => a - b);
    const pct = (p: number) =>
      round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] as number, 1);
    const count = await sql<{ n: number }>`select count(*)::int as n from documents`.execute(ledger.db);
    out.search = { documents: count.rows[0]?.n, queries: times.length, p50ms: pct(0.5), p99ms: pct(0.99) };
  } finally {
    await ledger.close();
  }
  return out;
}

/** Copies the stored documents and their pages under new hashes until there are `n` documents. */
async function replicate(db: Parameters<typeof searchDocuments>[0], n: number): Promise<void> {
  const shas = (await sql<{ sha256: string }>`select sha256 from documents order by sha256`.execute(db)).rows;
  let have = shas.length;
  for (let copy = 1; have < n; copy++)
    for (const { sha256 } of shas) {
      if (have >= n) break;
      const to = createHash('sha256').update(`${sha256}:${copy}`).digest('hex');
      await sql`insert into raw_files select ${to}, size, media_type, first_seen from raw_files where sha256 = ${sha256}`.execute(
        db,
      );
      await sql`create temporary table if not exists doc_copy as select * from documents limit 0`.execute(db);
      await sql`insert into doc_copy select * from documents where sha256 = ${sha256}`.execute(db);
      await sql`update doc_copy set sha256 = ${to}`.execute(db);
      await sql`insert into documents select * from doc_copy`.execute(db);
      await sql`delete from doc_copy`.execute(db);
      await sql`insert into document_pages (sha256, page, source, text, layout, chars, confidence, engine)
        select ${to}, page, source, text, layout, chars, confidence, engine from document_pages where sha256 = ${sha256}`.execute(
        db,
      );
      have++;
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = process.env.REASSESS_DATA;
  if (!data) throw new Error('REASSESS_DATA is not set');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const home = mkdtempSync(join(tmpdir(), 'reassess-bench-docs-'));
  try {
    console.log(JSON.stringify(await runDocumentsBench(data, home), null, 2));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
