/**
 * The layering of ARCHITECTURE.md, checked on the source tree: each folder of src/ is a layer; a file imports only
 * from its own layer and the layers below it; the domain imports nothing of the project; the store takes values
 * only from the domain (types from anywhere below it); SQL and the database packages live only in the store; no
 * function is longer than FUNCTION_LIMIT lines. Unit tests (`*.test.ts`) are left out: they may build what they
 * test from any layer.
 *
 * Each rule is also run on a small made-up tree, so a rule that stopped seeing anything would fail here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  databaseImports,
  folderOf,
  functionLengths,
  importEdges,
  LAYERS,
  type SourceFile,
  sourceFiles,
  sqlSites,
} from './analyze.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The longest a function may be, in lines (nested functions counted inside their parent). */
const FUNCTION_LIMIT = 120;

/**
 * Known breaks of the rules, each with its reason. An entry that no longer matches anything fails the test, so the
 * list only shrinks. Format: `rule: file -> target` (imports) or `rule: file` (SQL, length).
 */
const EXCEPTIONS: Record<string, string> = {};

const rank = (folder: string) => LAYERS.indexOf(folder as (typeof LAYERS)[number]);

function violations(files: SourceFile[]): string[] {
  const product = files.filter((f) => !f.isTest);
  const out: string[] = [];
  for (const f of product)
    if (rank(f.folder) < 0) out.push(`unknown layer: ${f.path} (src/${f.folder}/ is not in LAYERS)`);
  for (const e of importEdges(product)) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    // The domain is the lowest layer: any import of another folder from it is upward.
    if (rank(b) > rank(a)) out.push(`upward import: ${e.from} -> ${e.to}`);
    else if (a === 'store' && b !== 'domain' && !e.typeOnly)
      out.push(`store takes a value: ${e.from} -> ${e.to}`);
  }
  const sqlFiles = new Set(sqlSites(product).map((s) => s.path));
  for (const p of sqlFiles) if (folderOf(p) !== 'store') out.push(`SQL outside the store: ${p}`);
  for (const d of databaseImports(product))
    if (folderOf(d.path) !== 'store')
      out.push(`database package outside the store: ${d.path} -> ${d.module}`);
  for (const fn of functionLengths(product))
    if (fn.lines > FUNCTION_LIMIT) out.push(`function over ${FUNCTION_LIMIT} lines: ${fn.path} ${fn.name}`);
  return [...new Set(out)].sort();
}

describe('layering', () => {
  it('holds on src/: no upward import, SQL only in the store, short functions', () => {
    const found = violations(sourceFiles(ROOT));
    const unexplained = found.filter((v) => !(v in EXCEPTIONS));
    const stale = Object.keys(EXCEPTIONS).filter((k) => !found.includes(k));
    expect(unexplained, 'rules broken (fix the code, or add an entry with its reason)').toEqual([]);
    expect(stale, 'exceptions that no longer apply (remove them)').toEqual([]);
  });

  it('sees each kind of break in a made-up tree', () => {
    const file = (path: string, text: string): SourceFile => ({
      path,
      folder: folderOf(path),
      text,
      isTest: path.endsWith('.test.ts'),
    });
    const long = `export function big() {\n${'  call();\n'.repeat(FUNCTION_LIMIT)}}\n`;
    const found = violations([
      file('domain/a.ts', "import { x } from '../store/db.ts';\n"),
      file('history/b.ts', "import type { Db } from '../store/db.ts';\n"),
      file(
        'store/c.ts',
        "import { agencyKey } from '../normalize/agency-name.ts';\nimport type { T } from '../history/t.ts';\n",
      ),
      file('web/d.ts', "import { sql } from 'kysely';\nconst q = db.selectFrom('agencies');\n"),
      file('read/e.ts', "const t = sql`select 1`;\nconst s = 'select * from agencies';\n"),
      file('api/f.ts', long),
      file('misc/g.ts', ''),
      file('web/h.test.ts', "import { x } from '../cli/main.ts';\nconst q = db.selectFrom('x');\n"),
      file('read/ok.ts', "import { a } from '../store/db.ts';\nconst m = 'Select a county to see it.';\n"),
      file('analyze/i.ts', "import { DuckDBInstance } from '@duckdb/node-api';\n"),
    ]);
    expect(found).toEqual([
      'SQL outside the store: read/e.ts',
      'SQL outside the store: web/d.ts',
      'database package outside the store: analyze/i.ts -> @duckdb/node-api',
      'database package outside the store: web/d.ts -> kysely',
      `function over ${FUNCTION_LIMIT} lines: api/f.ts big`,
      'store takes a value: store/c.ts -> normalize/agency-name.ts',
      'unknown layer: misc/g.ts (src/misc/ is not in LAYERS)',
      'upward import: domain/a.ts -> store/db.ts',
      'upward import: history/b.ts -> store/db.ts',
    ]);
  });

  it('is the layering ARCHITECTURE.md describes', () => {
    const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const listed = [...doc.matchAll(/^\d+\. `src\/([a-z-]+)\/`/gm)].map((m) => m[1]);
    expect(listed).toEqual([...LAYERS]);
  });
});
