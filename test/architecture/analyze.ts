/**
 * Reads the source tree as the layering rules see it: every import between files of `src/` (type-only or not), the
 * places that speak SQL, and the length of every function. The architecture tests hold the results to the rules
 * of ARCHITECTURE.md; `npx tsx test/architecture/analyze.ts [ROOT]` prints the figures (folders importing each
 * other both ways, SQL sites outside the store, the longest functions) for a tree, e.g. an older checkout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The layers from the ground up: a file may import from its own layer and those before it, never after. */
export const LAYERS = [
  'domain',
  'reference',
  'sources',
  'retrieve',
  'normalize',
  'identify',
  'history',
  'geography',
  'stats',
  'documents',
  'store',
  'ingest',
  'ocr',
  'analyze',
  'editors',
  'evidence',
  'read',
  'api',
  'web',
  'publish',
  'server',
  'cli',
] as const;

export interface SourceFile {
  /** Path under src/, with `/`. */
  path: string;
  /** First folder under src/ (`(root)` for a file directly in src/). */
  folder: string;
  text: string;
  isTest: boolean;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

export interface SqlSite {
  path: string;
  line: number;
  what: string;
}

export interface FunctionLength {
  path: string;
  name: string;
  line: number;
  lines: number;
}

export function sourceFiles(root: string): SourceFile[] {
  const src = join(root, 'src');
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(e.name)) {
        const path = relative(src, p).split(sep).join('/');
        const parts = path.split('/');
        out.push({
          path,
          folder: parts.length > 1 ? (parts[0] as string) : '(root)',
          text: readFileSync(p, 'utf8'),
          isTest: /\.test\.tsx?$/.test(e.name),
        });
      }
    }
  };
  walk(src);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function parse(f: SourceFile): ts.SourceFile {
  const kind = f.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(f.path, f.text, ts.ScriptTarget.ES2022, true, kind);
}

/** Imports and re-exports between files of src/ (packages and node: modules are left out). */
export function importEdges(files: SourceFile[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const f of files) {
    const sf = parse(f);
    const add = (spec: string, typeOnly: boolean, node: ts.Node) => {
      if (!spec.startsWith('.')) return;
      const to = resolve('/', dirname(f.path), spec).slice(1);
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      edges.push({ from: f.path, to, typeOnly, line });
    };
    for (const s of sf.statements) {
      if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
        const c = s.importClause;
        const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : [];
        const typeOnly =
          !!c && (c.isTypeOnly || (!c.name && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(s.moduleSpecifier.text, typeOnly, s);
      } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
        add(s.moduleSpecifier.text, s.isTypeOnly, s);
      }
    }
    // Dynamic imports: import('./x.ts').
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        n.expression.kind === ts.SyntaxKind.ImportKeyword &&
        n.arguments[0] &&
        ts.isStringLiteral(n.arguments[0])
      )
        add(n.arguments[0].text, false, n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return edges;
}

export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[0] as string) : '(root)';
}

/** Pairs of folders that import each other (each direction's count). */
export function twoWayFolders(edges: ImportEdge[]): { a: string; b: string; ab: number; ba: number }[] {
  const count = new Map<string, number>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a !== b) count.set(`${a}>${b}`, (count.get(`${a}>${b}`) ?? 0) + 1);
  }
  const out: { a: string; b: string; ab: number; ba: number }[] = [];
  for (const [k, n] of count) {
    const [a, b] = k.split('>') as [string, string];
    const back = count.get(`${b}>${a}`);
    if (back && a < b) out.push({ a, b, ab: n, ba: back });
  }
  return out;
}

/** Query-builder calls and raw SQL: the places that speak to the database. */
const SQL_CALLS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
  'selectNoFrom',
  'transaction',
  'executeQuery',
]);

const SQL_TEXT =
  /^\s*(select\s[\s\S]+\sfrom\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|(create|alter|drop)\s+(table|index|extension)\s)/i;

export function sqlSites(files: SourceFile[]): SqlSite[] {
  const out: SqlSite[] = [];
  for (const f of files) {
    const sf = parse(f);
    const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (n: ts.Node) => {
      if (ts.isPropertyAccessExpression(n) && SQL_CALLS.has(n.name.text) && ts.isCallExpression(n.parent))
        out.push({ path: f.path, line: at(n), what: n.name.text });
      if (ts.isTaggedTemplateExpression(n)) {
        const tag = n.tag.getText(sf);
        if (/^sql(<.*>)?$/s.test(tag)) out.push({ path: f.path, line: at(n), what: 'sql`…`' });
      }
      if (ts.isStringLiteralLike(n) && SQL_TEXT.test(n.text))
        out.push({ path: f.path, line: at(n), what: 'SQL text' });
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Imports of the query layer itself (kysely, pg, PGlite, DuckDB) by file. */
export function databaseImports(files: SourceFile[]): { path: string; module: string }[] {
  const out: { path: string; module: string }[] = [];
  for (const f of files)
    for (const m of f.text.matchAll(
      /^import[^'"]*from ['"](kysely|pg|@electric-sql\/pglite[^'"]*|@duckdb\/node-api)['"]/gm,
    ))
      out.push({ path: f.path, module: m[1] as string });
  return out;
}

function functionName(n: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) return n.name.getText(sf);
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p)) return p.name.getText(sf);
  if (p && ts.isPropertyAssignment(p)) return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) return `${p.expression.getText(sf).slice(0, 40)}(…)`;
  return '(anonymous)';
}

/** Every function, method and arrow function, with its length in lines (nested functions counted inside). */
export function functionLengths(files: SourceFile[]): FunctionLength[] {
  const out: FunctionLength[] = [];
  for (const f of files) {
    const sf = parse(f);
    const visit = (n: ts.Node) => {
      if (
        ts.isFunctionDeclaration(n) ||
        ts.isFunctionExpression(n) ||
        ts.isArrowFunction(n) ||
        ts.isMethodDeclaration(n) ||
        ts.isConstructorDeclaration(n) ||
        ts.isGetAccessor(n)
      ) {
        const start = sf.getLineAndCharacterOfPosition(n.getStart()).line;
        const end = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
        out.push({ path: f.path, name: functionName(n, sf), line: start + 1, lines: end - start + 1 });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

function report(root: string): void {
  const files = sourceFiles(root);
  const product = files.filter((f) => !f.isTest);
  const edges = importEdges(product);
  const sql = sqlSites(product).filter((s) => folderOf(s.path) !== 'store');
  const print = (s: string) => process.stdout.write(`${s}\n`);
  print(`files under src/: ${product.length} (and ${files.length - product.length} unit-test files)`);
  print('folders importing each other both ways:');
  for (const t of twoWayFolders(edges)) print(`  ${t.a} ⇄ ${t.b} (${t.ab} / ${t.ba})`);
  const byFile = new Map<string, number>();
  for (const s of sql) byFile.set(s.path, (byFile.get(s.path) ?? 0) + 1);
  print(`SQL sites outside store/: ${sql.length} in ${byFile.size} files`);
  for (const [p, n] of [...byFile].sort((a, b) => b[1] - a[1])) print(`  ${p} ${n}`);
  print('the ten longest functions:');
  for (const fn of functionLengths(product).slice(0, 10))
    print(`  ${fn.lines} ${fn.name} (${fn.path}:${fn.line})`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) report(resolve(process.argv[2] ?? '.'));
