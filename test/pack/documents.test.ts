/**
 * Golden fields of the pack's 15 MOAs (REASSESS_DATA; a missing file fails the run): each PDF read in the sandbox,
 * its text-layer pages as they are, and for the four scans (Lee County FL, Florida Department of Law Enforcement,
 * West Virginia National Guard, Etowah County AL) the pages that hold the parties and the signatures read by OCR
 * (Debian tesseract); the fields — value, page and confidence, or null and the reason — and the sections are held
 * to test/golden/moa-fields.json. Without the pack, the generated fixture MOAs (text and scanned) are held to
 * test/golden/moa-fields-fixture.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/documents/analyze.ts';
import type { DocumentPage, Field } from '../../src/domain/document.ts';
import { pagesOf } from '../../src/ingest/store-documents.ts';
import { debianTesseract, type OcrEngine } from '../../src/ocr/engines.ts';
import { ocrPage } from '../../src/ocr/run-job.ts';
import { PdfSandbox } from '../../src/sources/moa-pdf/sandbox.ts';
import { OAKWOOD, scannedMoa, textMoa } from '../fixtures/moa-pdf.ts';
import { checkGolden } from '../support/golden.ts';
import { packDir, requirePackFile } from '../support/pack.ts';

const GOLDEN = resolve(import.meta.dirname, '../golden');

/** The pack's MOAs, and for the scans the pages OCR reads here (the parties' page and the signatures' page). */
const PACK: Record<string, number[]> = {
  '287g-DAKOTACounty-2020-06-09.pdf': [],
  '287gJEM_%20etowahCoAL_06-09-2020.pdf': [1, 7],
  '287gJEM_BentonCoAR_06-30-2020.pdf': [],
  '287gJEM_FL_DOC_FL_08-21-2020.pdf': [],
  '287gWSO_BakerCoFl2019-10-15.pdf': [],
  '287gWSO_DeptOfCorrectionsAK_07-24-2020.pdf': [],
  'ArcadiaPDFL_TFM_MOA_030425.pdf': [],
  'DamascusTownshipConstablePA_TFM_MOA_04292025.pdf': [],
  'FranklinCountyAL_WSO_MOA_030625.pdf': [],
  'GraysonCountyDCKY_JEM_MOA_030425.pdf': [],
  'LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf': [1, 7],
  'WestVirginiaNatGuard_TFM_MOA_0611025.pdf': [1],
  'floridaDeptLawEnforcement_TFM_MOA_02.14.2025.pdf': [1, 9],
  'floridaFishWildlife_TFM_MOA_02.14.2025.pdf': [],
  'lakeCountySherrifsOffice_TF_MOA_03122025.pdf': [],
};

/** A field as the golden holds it: the value with its page and confidence, or null with the reason. */
function brief<T>(f: Field<T>): unknown {
  if (f.value === null) return { value: null, reason: f.reason ?? null };
  return { value: f.value, page: f.evidence?.page ?? null, confidence: f.confidence };
}

let sandbox: PdfSandbox;
let engine: OcrEngine;
beforeAll(async () => {
  sandbox = new PdfSandbox();
  engine = await debianTesseract({ nice: false });
});
afterAll(async () => {
  await sandbox.close();
  await engine.close();
});

/** Reads one PDF: its text layer, and the `ocr` pages by OCR (the other scanned pages stay unread). */
async function fieldsOf(bytes: Uint8Array, file: string, ocr: number[]) {
  const reading = await sandbox.read(bytes, file);
  const scanned = reading.pages.filter((p) => p.needsOcr).map((p) => p.page);
  const pages: DocumentPage[] = pagesOf(reading);
  for (const n of ocr) {
    expect(scanned, `${file}: page ${n} has a text layer`).toContain(n);
    const c = await ocrPage(sandbox, engine, bytes, file, n);
    pages[n - 1] = { ...c, source: 'ocr', engine: engine.version };
  }
  const a = analyzeDocument(pages);
  const f = a.fields;
  return {
    pages: reading.pageCount,
    scannedPages: scanned,
    ocrRead: ocr,
    sections: a.sections.map((s) => s.key),
    agencyName: brief(f.agencyName),
    model: brief(f.model),
    templateRevision: brief(f.templateRevision),
    effectiveDate: brief(f.effectiveDate),
    duration: brief(f.duration),
    complaintAppendix: brief(f.complaintAppendix),
    publicInformationAppendix: brief(f.publicInformationAppendix),
    trainingClause:
      f.trainingClause.value === null ? brief(f.trainingClause) : { page: f.trainingClause.evidence?.page },
    supervisionClause:
      f.supervisionClause.value === null
        ? brief(f.supervisionClause)
        : { page: f.supervisionClause.evidence?.page },
    pointsOfContact: brief(f.pointsOfContact),
    signatures: f.signatures.map((s) => ({
      party: s.party,
      name: brief(s.name),
      title: brief(s.title),
      date: brief(s.date),
    })),
  };
}

/** The pack's 15 MOAs, read as the golden holds them. */
async function packFields(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, ocr] of Object.entries(PACK)) {
    const file = requirePackFile(`ice-287g/moa/${name}`);
    out[name] = await fieldsOf(readFileSync(file), name, ocr);
  }
  // The scans are scans: without OCR they give no text at all.
  for (const name of [
    'LeeCoSheriffsOffice_JEM_MOA_02.20.2025.pdf',
    'floridaDeptLawEnforcement_TFM_MOA_02.14.2025.pdf',
  ]) {
    const r = out[name] as { scannedPages: number[]; pages: number };
    expect(r.scannedPages.length, name).toBe(r.pages);
  }
  return out;
}

/** The fixture MOA as text and as a scan: OCR reads the scan's fields as the text layer gives them. */
async function fixtureFields(): Promise<Record<string, unknown>> {
  const text = await fieldsOf(await textMoa(OAKWOOD), 'oakwood-text.pdf', []);
  const scan = await fieldsOf(await scannedMoa(OAKWOOD), 'oakwood-scan.pdf', [1, 2, 3, 4]);
  expect(scan.agencyName).toMatchObject({ value: 'OAKWOOD COUNTY SHERIFF OFFICE', page: 1 });
  for (const k of ['model', 'templateRevision', 'complaintAppendix', 'publicInformationAppendix'] as const)
    expect((scan[k] as { value: unknown }).value, k).toEqual((text[k] as { value: unknown }).value);
  expect(scan.signatures.map((s) => (s.date as { value: string }).value)).toEqual(
    text.signatures.map((s) => (s.date as { value: string }).value),
  );
  return { text, scan };
}

describe('MOA fields', () => {
  it(`match the golden (${packDir() === null ? 'fixture MOAs: no pack' : 'the pack’s 15 MOAs'})`, {
    timeout: 600_000,
  }, async () => {
    if (packDir() === null) checkGolden(GOLDEN, 'moa-fields-fixture', await fixtureFields());
    else checkGolden(GOLDEN, 'moa-fields', await packFields());
  });
});
