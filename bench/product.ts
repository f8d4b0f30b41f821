/**
 * The product as users run it: `npm ci` compiles src/ to build/ (scripts/build.mjs) and `reassess` runs that
 * build. The benchmarks time the compiled modules too; through tsx, closures carry esbuild's name-keeping wrappers,
 * which made uncached API searches about twice as slow as in the build. REASSESS_BENCH_TSX=1 times the
 * sources through tsx instead.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether the benchmarks run the compiled build (the default) rather than the sources through tsx. */
export const compiled = process.env.REASSESS_BENCH_TSX !== '1';

/** Compiles src/ to build/, as `npm ci` does (a no-op when timing the sources). */
export function buildProduct(): void {
  if (!compiled) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/** A module of the product, by its path under src/ without extension (e.g. `ingest/ingest`). */
export async function productModule<T>(path: string): Promise<T> {
  const file = compiled ? join(root, 'build', 'src', `${path}.js`) : join(root, 'src', `${path}.ts`);
  return (await import(file)) as T;
}
