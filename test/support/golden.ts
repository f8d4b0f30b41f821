/**
 * Golden files: a test's output compared with a JSON file kept in the tree.
 *
 * - golden missing: the check FAILS (a run must never invent its own expectations) unless UPDATE_GOLDEN=1, which
 *   (re)writes the golden and passes (never under CI);
 * - golden present and different: `<name>-changed.json` is written beside it (to diff or copy over) and the check
 *   fails; a matching run removes a stale `-changed.json`.
 *
 * Goldens are compared as parsed JSON and written formatted by the project's biome, so `biome check` stays clean.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export interface GoldenEnv {
  CI?: string | undefined;
  UPDATE_GOLDEN?: string | undefined;
}

export type GoldenOutcome = 'match' | 'written' | 'updated';

export class GoldenMismatch extends Error {}

const BIOME = resolve(import.meta.dirname, '../../node_modules/.bin/biome');

function writeJson(file: string, value: unknown, format: boolean): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  if (format && existsSync(BIOME)) {
    try {
      execFileSync(BIOME, ['format', '--write', file], { stdio: 'ignore' });
    } catch {
      // Formatting is cosmetic; the comparison is on parsed JSON.
    }
  }
}

/** Compares `value` with `<dir>/<name>.json` following the golden workflow above. Throws GoldenMismatch. */
export function checkGolden(
  dir: string,
  name: string,
  value: unknown,
  env: GoldenEnv = process.env,
  opts: { format?: boolean } = {},
): GoldenOutcome {
  const format = opts.format ?? true;
  const file = join(dir, `${name}.json`);
  const changed = join(dir, `${name}-changed.json`);
  // Round-trip so that undefined fields and the like compare as they will be stored.
  const actual: unknown = JSON.parse(JSON.stringify(value));
  const exists = existsSync(file);
  const update = env.UPDATE_GOLDEN === '1' && !env.CI;
  if (!exists && !update)
    throw new GoldenMismatch(
      `golden file ${file} is missing. Write it with UPDATE_GOLDEN=1 (never under CI), review it and commit it.`,
    );
  if (update) {
    writeJson(file, actual, format);
    rmSync(changed, { force: true });
    return exists ? 'updated' : 'written';
  }
  const expected: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (isDeepStrictEqual(actual, expected)) {
    rmSync(changed, { force: true });
    return 'match';
  }
  writeJson(changed, actual, format);
  throw new GoldenMismatch(
    `output differs from golden ${file}; the new output is in ${changed}. ` +
      'Review the difference; if it is intended, rerun with UPDATE_GOLDEN=1 (or copy the file over).',
  );
}
