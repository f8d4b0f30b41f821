import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTemplate, openPglite, pgliteVersion } from './pglite-template.ts';

const dir = mkdtempSync(join(tmpdir(), 'reassess-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('new embedded ledgers start from a dumped data folder', () => {
  it('opens a new folder from the dump, with the ledger options; an existing one as it is', async () => {
    const template = await makeTemplate(dir, join(dir, 'scratch'));
    expect(template).toContain(`pgdata-template-${pgliteVersion()}.tar.gz`);
    const a = await openPglite(join(dir, 'a'), template);
    expect(a.made).toBe('template');
    await a.pglite.exec('create table t (x int); insert into t values (42)');
    expect(
      (await a.pglite.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]?.shared_buffers,
    ).toBe('16MB');
    await a.pglite.close();
    const again = await openPglite(join(dir, 'a'), template);
    expect(again.made).toBe('existing');
    expect((await again.pglite.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 42 }]);
    await again.pglite.close();
  }, 60_000);

  it('falls back to initdb when the dump is damaged, or absent', async () => {
    const bad = join(dir, 'bad.tar.gz');
    writeFileSync(bad, 'not a dump');
    for (const [name, template] of [
      ['b', bad],
      ['c', null],
    ] as const) {
      const r = await openPglite(join(dir, name), template);
      expect(r.made).toBe('initdb');
      expect((await r.pglite.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await r.pglite.close();
    }
  }, 60_000);
});
