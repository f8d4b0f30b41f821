/**
 * A new embedded ledger starts from a fresh PGlite data folder that the build dumped once (scripts/build.mjs,
 * run by `npm ci`), instead of running PostgreSQL's initdb in WebAssembly every time: measured here, creating a
 * ledger took 2.7 s and 870 MB of memory with initdb, 1.1 s and 380 MB from the dump. The dump is named after the
 * PGlite version that made it, so a dump from another version is never used; without one (sources run before any
 * build, or another version), initdb runs as before.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

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
  const up = fileURLToPath(new URL('../../', import.meta.url));
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

/**
 * Opens the PGlite data folder `dir`: a new (absent or empty) one from the template when there is one, falling back
 * to initdb if that fails; an existing one as it is.
 */
export async function openPglite(
  dir: string,
  template: string | null = templateFile(),
): Promise<{ pglite: PGlite; made: 'template' | 'initdb' | 'existing' }> {
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  if (fresh && template) {
    try {
      const blob = new Blob([readFileSync(template)]);
      return { pglite: await PGlite.create(dir, { ...PGLITE_OPTIONS, loadDataDir: blob }), made: 'template' };
    } catch {
      // A damaged dump: start again with initdb (the folder held nothing before).
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { pglite: await PGlite.create(dir, PGLITE_OPTIONS), made: fresh ? 'initdb' : 'existing' };
}
