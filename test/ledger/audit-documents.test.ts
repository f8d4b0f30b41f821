/**
 * The identity audit's `refiled-document` entries on a real (embedded) ledger through the CLI (issue 14): an
 * agreement whose rows print a second MOA file name under the same signed date stays one agreement; the audit lists
 * it with both files and the lists each was printed on, resolved when the new name is the same agency's MOA filed
 * again, open when it is another agency's file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listsOf, relabel, steadyRows, type WorldRow, worldWorkbooks } from '../fixtures/relabel-world.ts';
import { cliFor } from '../support/cli.ts';
import { tempDir } from '../support/ledgers.ts';

const DATES = ['2025-07-01', '2025-07-08', '2025-07-15', '2025-07-22'];
const HERON: WorldRow = {
  state: 'FL',
  agency: 'Heron Bay Police Department',
  model: 'TFM',
  signed: '2025-04-10',
  doc: 'HeronBayPoliceDeptFL_TFM_MOA_04102025.pdf',
};
const OSPREY: WorldRow = {
  ...HERON,
  agency: 'Osprey Police Department',
  doc: 'OspreyPoliceDeptFL_TFM_MOA_04102025.pdf',
};

let home = '';
afterAll(() => home && rmSync(home, { recursive: true, force: true }));

describe('an agreement printed with two MOA file names under one signed date', () => {
  it('is one agreement, listed by the audit: resolved when refiled, open when another agency’s file', async () => {
    let lists = listsOf(DATES, [...steadyRows(20), HERON, OSPREY]);
    lists = relabel(lists, '2025-07-15', HERON, { doc: 'Heron_Bay_PD_FL_TFM_04.10.25.pdf' });
    lists = relabel(lists, '2025-07-22', OSPREY, { doc: 'PelicanPoliceDeptFL_TFM_MOA_04102025.pdf' });
    home = tempDir();
    const dir = join(home, 'lists');
    mkdirSync(dir);
    for (const w of worldWorkbooks(lists)) writeFileSync(join(dir, w.file), w.bytes);
    const cli = cliFor(join(home, 'ledger'));
    expect((await cli('ingest', dir)).code).toBe(0);
    const agreements = JSON.parse((await cli('agreements', '--json')).out) as { state: string }[];
    expect(agreements.filter((a) => a.state === 'FL')).toHaveLength(2);
    const r = await cli('audit', '--json');
    expect(r.code, r.err).toBe(0);
    const { counts, entries } = JSON.parse(r.out) as {
      counts: Record<string, { open: number; resolved: number }>;
      entries: { kind: string; evidence: string; resolvedBy: string | null; reason: string | null }[];
    };
    expect(counts['refiled-document']).toEqual({ open: 1, resolved: 1 });
    const refiled = entries.filter((e) => e.kind === 'refiled-document');
    expect(
      refiled.map((e) => [e.evidence.slice(0, e.evidence.indexOf('. One agreement')), e.reason]),
    ).toEqual([
      [
        '"Heron Bay Police Department" TFM, signed 2025-04-10 on every row: heronbaypolicedeptfl_tfm_moa_04102025.pdf on 2 list(s), 2025-07-01 to 2025-07-08; heron_bay_pd_fl_tfm_04.10.25.pdf on 2 list(s), 2025-07-15 to 2025-07-22',
        null,
      ],
      [
        '"Osprey Police Department" TFM, signed 2025-04-10 on every row: ospreypolicedeptfl_tfm_moa_04102025.pdf on 3 list(s), 2025-07-01 to 2025-07-15; pelicanpolicedeptfl_tfm_moa_04102025.pdf on 1 list(s), 2025-07-22 to 2025-07-22',
        'pelicanpolicedeptfl_tfm_moa_04102025.pdf does not name "Osprey Police Department" (no "osprey"): only the signed date ties the rows',
      ],
    ]);
    expect((await cli('audit')).out).toContain('refiled-document: 1 open, 1 resolved');
  }, 120_000);
});
