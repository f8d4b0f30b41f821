/**
 * The static export's copy of every stored file (`files/{sha256}.{ext}`, the paths the downloads page links), so
 * an exported site carries ICE's original workbooks and the reference tables with it. The site is written into a
 * new folder (site-folder.ts): a file the previous site already holds with the same size is hard-linked from it
 * instead of copied (its name is its sha256: the same name is the same bytes).
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StoredFile } from '../read/files.ts';
import { documentPaths } from '../web/pages/document.tsx';
import { filePath } from '../web/paths.ts';

export interface CopyReport {
  copied: number;
  kept: number;
  missing: number;
  bytes: number;
  /** The site paths of the files now in `out` (copied, kept or linked). */
  paths: string[];
}

export function copyStoredFiles(
  files: readonly StoredFile[],
  pathOf: (sha256: string) => string,
  out: string,
  previous?: string,
): CopyReport {
  const r: CopyReport = { copied: 0, kept: 0, missing: 0, bytes: 0, paths: [] };
  for (const f of files) {
    const from = pathOf(f.sha256);
    if (!existsSync(from)) {
      r.missing++;
      continue;
    }
    const rel = filePath(f.sha256, f.mediaType).replace(/^\//, '');
    r.paths.push(rel);
    const to = join(out, rel);
    if (existsSync(to) && statSync(to).size === f.size) {
      r.kept++;
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    if (previous && linkFrom(join(previous, rel), to, f.size)) {
      r.kept++;
      continue;
    }
    copyFileSync(from, to);
    r.copied++;
    r.bytes += f.size;
  }
  return r;
}

/** The archived MOA PDFs at `documents/{sha256}.pdf`, where the agency and document pages link them (issue 15). */
export function copyArchivedDocuments(
  shas: readonly string[],
  pathOf: (sha256: string) => string,
  out: string,
  previous?: string,
): CopyReport {
  const r: CopyReport = { copied: 0, kept: 0, missing: 0, bytes: 0, paths: [] };
  for (const sha of shas) {
    const from = pathOf(sha);
    if (!existsSync(from)) {
      r.missing++;
      continue;
    }
    const size = statSync(from).size;
    const rel = documentPaths.pdf(sha).replace(/^\//, '');
    r.paths.push(rel);
    const to = join(out, rel);
    if (existsSync(to) && statSync(to).size === size) {
      r.kept++;
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    if (previous && linkFrom(join(previous, rel), to, size)) {
      r.kept++;
      continue;
    }
    copyFileSync(from, to);
    r.copied++;
    r.bytes += size;
  }
  return r;
}

/** Hard-links `to` to the previous site's copy when it has the right size; false when it cannot. */
function linkFrom(old: string, to: string, size: number): boolean {
  try {
    if (!existsSync(old) || statSync(old).size !== size) return false;
    linkSync(old, to);
    return true;
  } catch {
    return false;
  }
}
