/**
 * The static export's copy of every stored file (`files/{sha256}.{ext}`, the paths the downloads page links), so
 * an exported site carries ICE's original workbooks and the reference tables with it. A file already in the
 * output folder with the same size is left alone (its name is its sha256: the same name is the same bytes).
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StoredFile } from '../read/files.ts';
import { filePath } from '../web/paths.ts';

export interface CopyReport {
  copied: number;
  kept: number;
  missing: number;
  bytes: number;
}

export function copyStoredFiles(
  files: readonly StoredFile[],
  pathOf: (sha256: string) => string,
  out: string,
): CopyReport {
  const r: CopyReport = { copied: 0, kept: 0, missing: 0, bytes: 0 };
  for (const f of files) {
    const from = pathOf(f.sha256);
    if (!existsSync(from)) {
      r.missing++;
      continue;
    }
    const to = join(out, filePath(f.sha256, f.mediaType).replace(/^\//, ''));
    if (existsSync(to) && statSync(to).size === f.size) {
      r.kept++;
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    r.copied++;
    r.bytes += f.size;
  }
  return r;
}
