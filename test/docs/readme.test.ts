/**
 * The README's tables cannot drift from the code (Datasette's habit): the command table against the CLI's usage
 * text and its command list; the configuration table against the environment variables and options the code
 * reads. A command, flag or setting added without its line in the README fails here, and so does a line for one
 * that no longer exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The rows of the markdown table under `## heading`: its cells, without the header and rule rows. */
function tableRows(heading: string): string[][] {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const rest = README.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## /) >>> 0 || rest.length);
  return section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .replace(/\\\|/g, '\uE000')
        .split('|')
        .slice(1, -1)
        .map((c) => c.replace(/\uE000/g, '|').trim()),
    );
}

const flagsIn = (s: string) => [...s.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).sort();

/** Command → the text that documents it (first cell of the README table, or the usage line and its continuation). */
function readmeCommands(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [cell] of tableRows('The command line')) {
    const m = /^`([a-z-]+)([^`]*)`$/.exec(cell ?? '');
    if (!m) throw new Error(`command table: cannot read the first cell "${cell}"`);
    out.set(m[1] as string, `${m[1]}${m[2]}`);
  }
  return out;
}

function usageCommands(): Map<string, string> {
  const lines = USAGE.slice(USAGE.indexOf('commands:\n') + 10, USAGE.indexOf('\n\noptions:')).split('\n');
  const out = new Map<string, string>();
  let current: string | null = null;
  for (const line of lines) {
    const m = /^ {2}([a-z-]+)(.*)$/.exec(line);
    if (m) {
      current = m[1] as string;
      // The synopsis ends where two spaces start the description.
      out.set(current, `${current}${(m[2] as string).split(/ {2,}/)[0]}`);
    } else if (current && /^ {3,}\[/.test(line)) out.set(current, `${out.get(current)} ${line.trim()}`);
  }
  return out;
}

/** The commands main.ts can run (the keys of its COMMANDS table). */
function registeredCommands(): string[] {
  const text = readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8');
  const block = text.slice(
    text.indexOf('const COMMANDS'),
    text.indexOf('};', text.indexOf('const COMMANDS')),
  );
  return [...block.matchAll(/^ {2}'?([a-z-]+)'?: async/gm)].map((m) => m[1] as string).sort();
}

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return productFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Environment variables the product reads (env.X, env['X'], or a name passed to a helper as a string). */
function variablesRead(): string[] {
  const names = new Set<string>();
  for (const f of productFiles(join(ROOT, 'src'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)) names.add(m[1] as string);
    for (const m of text.matchAll(/['"`]((?:REASSESS_[A-Z0-9_]+)|DATABASE_URL)['"`]/g))
      names.add(m[1] as string);
  }
  for (const ignored of ['TZ', 'CI', 'XDG_DATA_HOME']) names.delete(ignored);
  return [...names].sort();
}

describe('README', () => {
  it('lists every command with the flags the usage text gives it, and no other', () => {
    const readme = readmeCommands();
    const usage = usageCommands();
    expect([...readme.keys()].sort()).toEqual(registeredCommands());
    expect([...usage.keys()].sort()).toEqual(registeredCommands());
    for (const [name, synopsis] of readme)
      expect(flagsIn(synopsis), `flags of "${name}" in the README vs the usage text`).toEqual(
        flagsIn(usage.get(name) ?? ''),
      );
  });

  it('documents every environment variable the code reads, and only those', () => {
    const table = tableRows('Configuration').map((r) => r[0] ?? '');
    const documented = [
      ...new Set(table.flatMap((c) => [...c.matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)].map((m) => m[1]))),
    ];
    const testOnly = table
      .filter((_, i) => /tests and benchmarks only/.test(tableRows('Configuration')[i]?.[1] ?? ''))
      .flatMap((c) => [...c.matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)].map((m) => m[1]));
    expect(documented.filter((v) => !testOnly.includes(v)).sort()).toEqual(variablesRead());
  });

  it('names every option the command line accepts', () => {
    const text = readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8');
    const options = [...text.matchAll(/^ {8}'?([a-z][a-z-]*)'?: \{ type:/gm)].map((m) => `--${m[1]}`);
    expect(options.length).toBeGreaterThan(10);
    for (const o of options) expect(README, `README mentions ${o}`).toContain(o);
  });
});
