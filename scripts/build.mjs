#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm ci` through `prepare`): compiles src/ to plain JavaScript in build/src/ (tsc,
 * types not checked here: `npm test` does that) and copies what the code reads beside itself (reviewed CSV files,
 * the stylesheet, the worker boot file; the browser islands are bundled from src/). bin/reassess.js runs build/ when it is
 * newer than every file of src/, and src/ through tsx otherwise, so a stale build is never run.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);

/** Files read at run time next to the code: everything in src/ that is not compiled (CSV, CSS, .mjs). */
function copyAssets(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) copyAssets(p);
    else if (!/\.tsx?$/.test(e.name)) {
      const to = join(out, relative(root, p));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(p, to);
    }
  }
}
copyAssets(join(root, 'src'));
writeFileSync(join(out, 'STAMP'), `${new Date().toISOString()}\n`);
// A dump of a fresh embedded-database folder: new ledgers start from it instead of running initdb
// (src/store/pglite-template.ts). Made in a child process, so this script's memory stays small.
execFileSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { makeTemplate } from ${JSON.stringify(pathToFileURL(join(out, 'src', 'store', 'pglite-template.js')).href)};
     await makeTemplate(${JSON.stringify(out)}, ${JSON.stringify(join(out, 'pgdata-scratch'))});`,
  ],
  { stdio: 'inherit' },
);
console.log(`built ${relative(process.cwd(), out) || out}`);
