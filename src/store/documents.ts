/**
 * The documents tables (issue 15): a document and its pages as the reader left them, its analysis (fields,
 * sections, deviations), and the reads the API, the pages and the CLI make of them.
 */
import { sql } from 'kysely';
import type { DocumentFields, DocumentPage, DocumentSection, SectionDeviation } from '../domain/document.ts';
import type { Db } from './db.ts';

export interface NewDocument {
  sha256: string;
  fileName: string;
  size: number;
  status: 'read' | 'refused';
  refusal: string | null;
  pageCount: number | null;
  ocrPages: number;
  pendingPages: number;
  info: Record<string, unknown>;
  problems: string[];
  firstSeen: string;
  runId: number;
}

export async function hasDocument(db: Db, sha256: string): Promise<boolean> {
  return !!(await db
    .selectFrom('documents')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst());
}

/** Every stored document's sha256. */
export async function documentShas(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('documents').select('sha256').execute()).map((r) => r.sha256));
}

export async function insertDocument(db: Db, d: NewDocument, pages: DocumentPage[]): Promise<void> {
  await db
    .insertInto('documents')
    .values({
      sha256: d.sha256,
      file_name: d.fileName,
      size: d.size,
      status: d.status,
      refusal: d.refusal,
      page_count: d.pageCount,
      pages_read: pages.filter((p) => p.source !== 'none').length,
      ocr_pages: d.ocrPages,
      pending_pages: d.pendingPages,
      info: JSON.stringify(d.info),
      problems: JSON.stringify(d.problems),
      first_seen: d.firstSeen,
      run_id: d.runId,
    })
    .execute();
  await writePages(db, d.sha256, pages);
}

/** Writes (or replaces) pages of a document. */
export async function writePages(db: Db, sha256: string, pages: DocumentPage[]): Promise<void> {
  for (let i = 0; i < pages.length; i += 50) {
    const chunk = pages.slice(i, i + 50);
    await db
      .insertInto('document_pages')
      .values(
        chunk.map((p) => ({
          sha256,
          page: p.page,
          source: p.source,
          text: p.text,
          layout: JSON.stringify(p.layout),
          chars: p.chars,
          confidence: p.confidence,
          engine: p.engine,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['sha256', 'page']).doUpdateSet((eb) => ({
          source: eb.ref('excluded.source'),
          text: eb.ref('excluded.text'),
          layout: eb.ref('excluded.layout'),
          chars: eb.ref('excluded.chars'),
          confidence: eb.ref('excluded.confidence'),
          engine: eb.ref('excluded.engine'),
        })),
      )
      .execute();
  }
  const counts = await db
    .selectFrom('document_pages')
    .select((eb) => [
      eb.fn.countAll<string>().as('all'),
      eb.fn.count<string>(sql`case when source <> 'none' then 1 end`).as('read'),
      eb.fn.count<string>(sql`case when source = 'none' then 1 end`).as('pending'),
    ])
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('documents')
    .set({ pages_read: Number(counts.read), pending_pages: Number(counts.pending) })
    .where('sha256', '=', sha256)
    .execute();
}

export async function documentPages(db: Db, sha256: string): Promise<DocumentPage[]> {
  const rows = await db
    .selectFrom('document_pages')
    .select(['page', 'source', 'text', 'layout', 'chars', 'confidence', 'engine'])
    .where('sha256', '=', sha256)
    .orderBy('page')
    .execute();
  return rows.map((r) => ({ ...r, confidence: r.confidence === null ? null : Number(r.confidence) }));
}

export interface DocumentAnalysisRow {
  model: string | null;
  template: string | null;
  templateRevision: string | null;
  agencyName: string | null;
  signedOn: string | null;
  fields: DocumentFields;
  sections: DocumentSection[];
  analysedAt: string;
}

export async function saveAnalysis(db: Db, sha256: string, a: DocumentAnalysisRow): Promise<void> {
  await db
    .updateTable('documents')
    .set({
      model: a.model,
      template: a.template,
      template_revision: a.templateRevision,
      agency_name: a.agencyName,
      signed_on: a.signedOn,
      fields: JSON.stringify(a.fields),
      sections: JSON.stringify(a.sections),
      analysed_at: a.analysedAt,
    })
    .where('sha256', '=', sha256)
    .execute();
}

/** Every read document's template, agency name and sections (what template learning needs). */
export async function sectionsForTemplates(db: Db) {
  return db
    .selectFrom('documents')
    .select(['sha256', 'template', 'agency_name', 'sections'])
    .where('status', '=', 'read')
    .execute();
}

export async function saveDeviations(
  db: Db,
  rows: { sha256: string; deviations: SectionDeviation[] | null }[],
) {
  for (const r of rows)
    await db
      .updateTable('documents')
      .set({
        deviations: r.deviations === null ? null : JSON.stringify(r.deviations),
        deviation_count: r.deviations === null ? null : r.deviations.length,
      })
      .where('sha256', '=', r.sha256)
      .execute();
}

export async function replaceTemplates(
  db: Db,
  rows: { template: string; documents: number; sections: unknown[] }[],
  at: string,
): Promise<void> {
  await db.deleteFrom('document_templates').execute();
  if (rows.length === 0) return;
  await db
    .insertInto('document_templates')
    .values(
      rows.map((r) => ({
        template: r.template,
        documents: r.documents,
        sections: JSON.stringify(r.sections),
        learned_at: at,
      })),
    )
    .execute();
}

export async function documentTemplates(db: Db) {
  return db.selectFrom('document_templates').selectAll().orderBy('template').execute();
}

const SUMMARY = [
  'sha256',
  'file_name',
  'size',
  'status',
  'refusal',
  'page_count',
  'pages_read',
  'ocr_pages',
  'pending_pages',
  'model',
  'template',
  'template_revision',
  'agency_name',
  'signed_on',
  'deviation_count',
  'first_seen',
] as const;

/** Every document without its pages (fields and deviations included). */
export async function documentRows(db: Db) {
  return db
    .selectFrom('documents')
    .select([...SUMMARY, 'fields', 'deviations', 'info', 'problems'])
    .orderBy('first_seen')
    .orderBy('sha256')
    .execute();
}

export async function documentRow(db: Db, sha256: string) {
  return db
    .selectFrom('documents')
    .select([...SUMMARY, 'fields', 'sections', 'deviations', 'info', 'problems'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof documentRow>>>;

/** The newest change to any document (for caches of document answers), as text. */
export async function documentsVersion(db: Db): Promise<string> {
  const r = await db
    .selectFrom('documents')
    .select((eb) => [eb.fn.max('analysed_at').as('a'), eb.fn.countAll<string>().as('n')])
    .executeTakeFirst();
  const j = await db
    .selectFrom('ocr_jobs')
    .select((eb) => [eb.fn.max('finished_at').as('f'), eb.fn.countAll<string>().as('n')])
    .executeTakeFirst();
  return `${r?.n ?? 0}:${r?.a ?? ''}:${j?.n ?? 0}:${j?.f ?? ''}`;
}
