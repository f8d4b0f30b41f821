/**
 * The evidence file: what the editors' export writes and `reassess evidence import` reads (the reviewed seed file
 * src/reference/evidence-seed.json is one). JSON: a format tag and a list of records, each with its ID, its content
 * (the stored shape), who wrote it and when, who reviewed it and when, and its retraction if any.
 *
 * Importing never publishes: a record new to the ledger is created as the file gives it and submitted for review
 * when complete; a record the ledger has gets a new version when the file's content differs. Only a reviewer other
 * than its author publishes it, in the editors' pages, as any other record. A bad file is refused as a whole, with
 * the file, the record and the field named, and nothing is written.
 */
import { InputError } from '../domain/errors.ts';
import { type EvidenceContent, RECORD_ID_RE } from '../domain/evidence.ts';
import type { Actor, ServiceDeps } from '../editors/deps.ts';
import type { Db } from '../store/db.ts';
import { latestVersions, listRecordRows, listReviews } from '../store/evidence.ts';
import { canonicalJson } from './canonical.ts';
import { EvidenceError } from './errors.ts';
import { createRecord, recordHistory, saveVersion, submitForReview } from './records.ts';
import { stageOf } from './stage.ts';
import { publishProblems, readContent } from './validate.ts';

export const EVIDENCE_FORMAT = 'reassess-evidence/1';

export interface Byline {
  name: string;
  at: string;
}

export interface FileRecord {
  recordId: string;
  /** Where the record stood when written: informational (an import never publishes). */
  stage: string;
  content: EvidenceContent;
  editor: Byline;
  reviewer: Byline | null;
  retraction: { at: string; reason: string } | null;
  /** Why the record says what it says, for the reviewer (how the sources were read, what was left out). */
  note: string;
}

export interface EvidenceFile {
  format: typeof EVIDENCE_FORMAT;
  description: string;
  exportedAt: string;
  records: FileRecord[];
}

function byline(v: unknown, file: string, row: number, field: string): Byline {
  const o = (v ?? {}) as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim() || typeof o.at !== 'string' || !o.at.trim())
    throw new InputError(file, 'expected { "name": "…", "at": "YYYY-MM-DD…" }', row, field);
  return { name: o.name.trim(), at: o.at.trim() };
}

function fileRecord(v: unknown, file: string, row: number): FileRecord {
  if (!v || typeof v !== 'object') throw new InputError(file, 'a record is an object', row);
  const o = v as Record<string, unknown>;
  const recordId = String(o.recordId ?? '');
  if (!RECORD_ID_RE.test(recordId))
    throw new InputError(file, `not a record ID: "${recordId}"`, row, 'recordId');
  const { content, problems } = readContent((o.content ?? {}) as Record<string, unknown>);
  const first = problems[0];
  if (first) throw new InputError(file, `${recordId}: ${first.message}`, row, `content.${first.field}`);
  const retraction = o.retraction as FileRecord['retraction'];
  return {
    recordId,
    stage: String(o.stage ?? ''),
    content,
    editor: byline(o.editor, file, row, 'editor'),
    reviewer: o.reviewer ? byline(o.reviewer, file, row, 'reviewer') : null,
    retraction: retraction && typeof retraction === 'object' ? retraction : null,
    note: typeof o.note === 'string' ? o.note : '',
  };
}

/** Reads an evidence file; the error names the file, the record (1-based) and the field. */
export function parseEvidenceFile(text: string, file: string): EvidenceFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `not JSON: ${(e as Error).message}`);
  }
  const o = (v ?? {}) as Record<string, unknown>;
  if (o.format !== EVIDENCE_FORMAT)
    throw new InputError(file, `format must be "${EVIDENCE_FORMAT}"`, undefined, 'format');
  if (!Array.isArray(o.records)) throw new InputError(file, 'records must be a list', undefined, 'records');
  const records = o.records.map((r, i) => fileRecord(r, file, i + 1));
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (seen.has(r.recordId)) throw new InputError(file, `${r.recordId} appears twice`, i + 1, 'recordId');
    seen.add(r.recordId);
  });
  return {
    format: EVIDENCE_FORMAT,
    description: typeof o.description === 'string' ? o.description : '',
    exportedAt: typeof o.exportedAt === 'string' ? o.exportedAt : '',
    records,
  };
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Records submitted for review by this import. */
  submitted: string[];
}

/** Imports a parsed file (see the file comment): never publishes, never overwrites a version. */
export async function importEvidence(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  f: EvidenceFile,
  source: string,
): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [], submitted: [] };
  for (const r of f.records) {
    const label = `${r.editor.name} (${source}, ${r.editor.at})`;
    const note = `imported from ${source}${r.note ? `: ${r.note}` : ''}`;
    const h = await recordHistory(db, r.recordId);
    if (!h) {
      await createRecord(db, deps, actor, {
        content: r.content,
        origin: 'seed',
        note,
        recordId: r.recordId,
        authorLabel: label,
      });
      report.created.push(r.recordId);
    } else if (canonicalJson(h.latest.content) === canonicalJson(r.content)) {
      report.unchanged.push(r.recordId);
      continue;
    } else if (h.record.retractedAt !== null) {
      throw new EvidenceError(
        `${source}: ${r.recordId} is retracted in the ledger; a retracted record is kept`,
        409,
      );
    } else {
      await saveVersion(db, deps, actor, r.recordId, r.content, note, label);
      report.updated.push(r.recordId);
    }
    if (publishProblems(r.content).length === 0) {
      await submitForReview(db, deps, actor, r.recordId);
      report.submitted.push(r.recordId);
    }
  }
  return report;
}

/** Every record of the ledger as an evidence file (its latest version; bylines of that version). */
export async function exportEvidence(db: Db, now: () => Date, description: string): Promise<EvidenceFile> {
  const rows = await listRecordRows(db);
  const latest = await latestVersions(db);
  const reviews = await listReviews(db);
  const records: FileRecord[] = rows.map((row) => {
    const v = latest.get(row.recordId);
    if (!v) throw new Error(`record ${row.recordId} has no version`);
    const mine = reviews.filter((x) => x.recordId === row.recordId);
    const approval = mine.filter((x) => x.version === v.version && x.decision === 'approve').pop();
    return {
      recordId: row.recordId,
      stage: stageOf(row, v, mine).stage,
      content: v.content,
      editor: { name: v.authorLabel, at: v.createdAt },
      reviewer: approval ? { name: approval.reviewerName, at: approval.at } : null,
      retraction:
        row.retractedAt && row.retractionReason
          ? { at: row.retractedAt, reason: row.retractionReason }
          : null,
      note: v.changeNote,
    };
  });
  return { format: EVIDENCE_FORMAT, description, exportedAt: now().toISOString(), records };
}
