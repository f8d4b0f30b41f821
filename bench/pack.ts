/** The data pack's ICE workbooks, as the benchmarks read them (file names sorted within each folder). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folders of ICE lists: participating, pending and the pre-2025 html-era tables. */
export const LIST_FOLDERS = ['participating', 'pending', 'derived/html-era-tables'] as const;

/** Paths of the `.xlsx` files in `folders` of `<data>/ice-287g`. */
export function packWorkbooks(data: string, folders: readonly string[] = LIST_FOLDERS): string[] {
  const base = join(data, 'ice-287g');
  return folders.flatMap((d) =>
    readdirSync(join(base, d))
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
      .map((f) => join(base, d, f)),
  );
}
