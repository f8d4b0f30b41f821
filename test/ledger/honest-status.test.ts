/**
 * Honest status and the identity audit on a real (embedded) ledger, through the CLI, the API, the pages and the
 * downloads (issue 14, items 4 and 7): an agreement missing from the last two lists is still active by the grace
 * rule but shows as not on the latest list everywhere, and the active count reconciles with ICE's rows; a
 * duplicate row is counted once and listed by the audit; the editors' audit log moved to `editors audit-log`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReassessApp } from '../../src/server/app.ts';
import { openLedger } from '../../src/store/connection.ts';
import {
  duplicateRow,
  listsOf,
  missingOn,
  steadyRows,
  type WorldRow,
  worldWorkbooks,
} from '../fixtures/relabel-world.ts';
import { cliFor } from '../support/cli.ts';
import { tempDir } from '../support/ledgers.ts';

const NOW = () => new Date('2025-09-01T12:00:00.000Z');
const DATES = ['2025-07-01', '2025-07-08', '2025-07-15', '2025-07-22', '2025-07-29', '2025-08-05'];
const LAST = DATES[5] as string;
const GONE: WorldRow = {
  state: 'MD',
  agency: 'Garrett County Sheriff Office',
  model: 'WSO',
  signed: '2025-02-26',
  doc: 'garrettcoso_wso_moa.pdf',
};
const FDEP: WorldRow = {
  state: 'FL',
  agency: 'Florida Department of Environmental Protection',
  model: 'TFM',
  signed: '2025-04-24',
  doc: 'FloridaDeptEnvironProtectDivLawEnf_TFM_MOA_04252025.pdf',
};
const DLE: WorldRow = {
  ...FDEP,
  agency: `${FDEP.agency}, Division of Law Enforcement`,
  signed: '2025-02-14',
};

let lists = missingOn(listsOf(DATES, [...steadyRows(20), GONE, FDEP]), ['2025-07-29', LAST], GONE);
lists = duplicateRow(lists, '2025-07-15', '2025-07-22', DLE);

let home: string;
let cli: ReturnType<typeof cliFor>;

beforeAll(async () => {
  home = tempDir();
  const dir = join(home, 'lists');
  mkdirSync(dir);
  for (const w of worldWorkbooks(lists)) writeFileSync(join(dir, w.file), w.bytes);
  cli = cliFor(join(home, 'ledger'));
  const r = await cli('ingest', dir);
  expect(r.code, r.err).toBe(0);
  expect(r.out).toContain(`duplicate row (counted once): "${DLE.agency}" repeats "${FDEP.agency}"`);
}, 120_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('an agreement missing from the latest list, inside the grace rule', () => {
  it('the CLI marks it and reconciles the count with ICE’s rows', async () => {
    const r = await cli('agreements', '--active-on', LAST);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Garrett County Sheriff Office\s+WSO\s+active, not on the latest list/);
    expect(r.out).toContain(
      `22 agreement(s) active on ${LAST}; 21 on ICE's list of ${LAST} (21 rows); 1 missing from that list but within the grace rule`,
    );
    const j = JSON.parse((await cli('agreements', '--active-on', '2025-07-15', '--json')).out);
    expect(j.reconciliation).toMatchObject({
      rows: 23,
      duplicateRows: 1,
      onList: 22,
      inGrace: 0,
      active: 22,
    });
    const flags = JSON.parse((await cli('agreements', '--json')).out).filter(
      (a: { notOnLatestList: boolean }) => a.notOnLatestList,
    );
    expect(flags.map((a: { name: string }) => a.name)).toEqual([GONE.agency]);
  });

  it('the API, the downloads and the pages say so', async () => {
    const ledger = await openLedger({ home: join(home, 'ledger') });
    try {
      const { app } = await createReassessApp({ db: ledger.db, now: NOW, rateLimit: false });
      const api = (await (await app.request('/api/v1/agreements?state=MD')).json()) as {
        data: { notOnLatestList: boolean; agencyId: string }[];
      };
      expect(api.data.map((a) => a.notOnLatestList)).toEqual([true]);
      const csv = await (await app.request('/downloads/agreements.csv')).text();
      const [header, ...rows] = csv.trim().split('\n');
      const col = header?.split(',').indexOf('not_on_latest_list') ?? -1;
      expect(col).toBeGreaterThan(0);
      expect(rows.filter((r) => r.split(',')[col] === 'true')).toHaveLength(1);
      const agency = await (await app.request(`/agency/${api.data[0]?.agencyId}/`)).text();
      expect(agency).toContain('Not on ICE’s latest list: last on the list of');
      const state = await (await app.request('/state/MD/')).text();
      expect(state).toContain('(not on ICE’s latest list)');
      expect(await (await app.request('/es/state/MD/')).text()).toContain(
        '(no figura en la lista más reciente de ICE)',
      );
      expect(await (await app.request('/state/FL/')).text()).not.toContain('(not on ICE’s latest list)');
      const homePage = await (await app.request('/')).text();
      expect(homePage).toContain('22 agreements active: 21 on ICE’s list of');
      expect(homePage).toContain('1 missing from it but within the three-list grace rule');
      const es = await (await app.request('/es/')).text();
      expect(es).toContain('22 acuerdos activos');
    } finally {
      await ledger.close();
    }
  }, 120_000);
});

describe('the identity audit and the editors’ audit log', () => {
  it('lists the duplicate row as resolved by rule, and near names side by side', async () => {
    const r = await cli('audit', '--json');
    expect(r.code, r.err).toBe(0);
    const { counts, entries } = JSON.parse(r.out) as {
      counts: Record<string, { open: number; resolved: number }>;
      entries: { kind: string; evidence: string; resolvedBy: string | null }[];
    };
    expect(counts['duplicate-row']).toEqual({ open: 0, resolved: 1 });
    expect(entries.find((e) => e.kind === 'duplicate-row')?.evidence).toContain(
      'in 2 list(s), 2025-07-15 to 2025-07-22',
    );
    expect(entries.filter((e) => e.kind === 'near-duplicate-names').map((e) => e.evidence)).toEqual([
      `"${FDEP.agency}" and "${DLE.agency}" listed side by side (first on 2025-07-15, in 2 list(s))`,
    ]);
    expect((await cli('audit')).out).toContain('duplicate-row: 0 open, 1 resolved');
  });

  it('keeps the editors’ audit log under editors audit-log', async () => {
    const r = await cli('editors', 'audit-log', '--format', 'json');
    expect([r.code, JSON.parse(r.out)]).toEqual([0, []]);
    expect((await cli('editors', 'log')).code).toBe(2);
  });
});
