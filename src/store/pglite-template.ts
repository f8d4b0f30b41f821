/**
 * A new embedded ledger starts from a fresh PGlite data folder that the build dumped once (scripts/build.mjs, run
 * by `npm ci`), instead of running PostgreSQL's initdb in WebAssembly every time: quicker and lighter
 * (docs/performance.md § Choices measured in the code). The dump is named after the PGlite version that made it,
 * so a dump from another version is never used; without one (sources run before any build, or another version),
 * initdb runs as before.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { LedgerDamagedError } from '../domain/errors.ts';

/** The options every embedded ledger is opened with (the template is made with the same). */
export const PGLITE_OPTIONS: PGliteOptions = {
  // The ledger is small (tens of MB): modest buffers keep an embedded ledger's memory low (measured in bench/).
  postgresqlconf: [
    'shared_buffers=16MB',
    'wal_buffers=1MB',
    'work_mem=8MB',
    'maintenance_work_mem=32MB',
    'wal_init_zero=off',
  ],
};

/** The installed PGlite's version (its package.json is not exported: found beside its entry point). */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const templateName = (version: string) => `pgdata-template-${version}.tar.gz`;

/** The build folder: `build/` beside `src/` when run from the sources, the folder itself when run from the build. */
function buildDir(): string {
  const up = fileURLToPath(new URL('../..', import.meta.url));
  return existsSync(join(up, 'STAMP')) ? up : join(up, 'build');
}

/** The dump for the installed PGlite, when the build made one. */
export function templateFile(): string | null {
  const file = join(buildDir(), templateName(pgliteVersion()));
  return existsSync(file) ? file : null;
}

/** Makes the dump (the build calls this): a new data folder, initialized, dumped gzipped into `outDir`. */
export async function makeTemplate(outDir: string, scratch: string): Promise<string> {
  rmSync(scratch, { recursive: true, force: true });
  const pg = await PGlite.create(scratch, PGLITE_OPTIONS);
  try {
    const dump = await pg.dumpDataDir('gzip');
    const file = join(outDir, templateName(pgliteVersion()));
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await pg.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A new data folder, made in `tmp` from the dump when there is one (initdb otherwise, or if the dump fails). */
async function makeFolder(tmp: string, template: string | null): Promise<'template' | 'initdb'> {
  if (template) {
    try {
      const blob = new Blob([readFileSync(template)]);
      await (await PGlite.create(tmp, { ...PGLITE_OPTIONS, loadDataDir: blob })).close();
      return 'template';
    } catch {
      // A damaged dump: start again with initdb.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  await (await PGlite.create(tmp, PGLITE_OPTIONS)).close();
  return 'initdb';
}

/**
 * Opens the PGlite data folder `dir`: an existing one as it is; a new (absent or empty) one is made whole in a
 * sibling folder and renamed into place, so a process killed while a ledger is being created leaves no half-made
 * folder behind (only a `<dir>.new-*` folder, removed by the next open). The caller holds the folder's lock.
 */
export async function openPglite(
  dir: string,
  template: string | null = templateFile(),
): Promise<{ pglite: PGlite; made: 'template' | 'initdb' | 'existing' }> {
  const parent = dirname(dir);
  const stem = `${basename(dir)}.new-`;
  for (const f of existsSync(parent) ? readdirSync(parent) : [])
    if (f.startsWith(stem)) rmSync(join(parent, f), { recursive: true, force: true });
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  let made: 'template' | 'initdb' | 'existing' = 'existing';
  if (fresh) {
    const tmp = `${dir}.new-${process.pid}-${Date.now()}`;
    made = await makeFolder(tmp, template);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  try {
    return { pglite: await PGlite.create(dir, PGLITE_OPTIONS), made };
  } catch (e) {
    throw new LedgerDamagedError(
      `the ledger database in ${dir} cannot be opened (${(e as Error).message || (e as Error).name}). ` +
        `The raw files it was built from are untouched in ${join(parent, 'raw')}. To rebuild it from them, run: ` +
        `reassess recover --data-dir ${parent}`,
    );
  }
}
