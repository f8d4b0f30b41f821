/**
 * Geography over the whole pack. With REASSESS_DATA set: every ICE workbook and html-era table, the FBI LEE
 * table and the ACS 2017 county table, ingested with no network; the placement targets are checked at the latest
 * publication, golden placements are compared for a set of hard agencies, and the share placed is reported per
 * level. Without the pack: the same checks on a generated set of the same kinds of hard agencies.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../src/domain/geography.ts';
import { summarize } from '../../src/geography/summary.ts';
import { type IngestInput, ingest } from '../../src/ingest/ingest.ts';
import { countyFigures, coverage, listPlacements } from '../../src/read/geography.ts';
import { loadReference } from '../../src/reference/load.ts';
import { type Ledger, openLedger } from '../../src/store/connection.ts';
import { latestSightings, refsOf } from '../../src/store/publications.ts';
import { acsApiJson, fbiCsv } from '../fixtures/geography.ts';
import { checkGolden } from '../support/golden.ts';
import { icePublication, tempDir } from '../support/ledgers.ts';
import { packDir, requirePackFile } from '../support/pack.ts';

const real = packDir() !== null;
const GOLDEN_DIR = join(import.meta.dirname, '../golden');

/** Hard agencies of the real pack: parish sheriffs, Virginia independent cities, campus police, state agencies,
 * a constable, regional jails, typo'd counties, a sheriff named without its county, an agency ICE first listed under a wrong state (merged by a reviewed verdict). */
const HARD = [
  "LA|Calcasieu Parish Sheriff's Office",
  "LA|St. Charles Parish Sheriff's Office",
  "AR|Pope County Sheriff's Office",
  "VA|Hopewell County Sheriff's Office",
  "VA|Portsmouth County Sheriff's Office",
  'VA|Rappahannock, Shenandoah, Warren Regional Jail Authority',
  'VA|Southwest Virginia Regional Jail Authority',
  'FL|University of Florida Police Department',
  'FL|District Board of Trustees of Pensacola State College',
  'FL|Florida Department of Highway Safety and Motor Vehicles, Division of Highway Patrol',
  'TX|Bexar County Constable Precinct 3',
  "FL|Jacksonville Sheriff's Office",
  "SC|Kershaw County Sheriff's Office",
  'KY|Williamsburg Police Department',
  'FL|Sanford Airport Police Department',
  // Issue 14, item 5 (FBI conventions) and item 6 (multi-county bodies).
  "NE|Banner County Sheriff's Office",
  'NY|Nassau County Police Department',
  'FL|University of South Florida Police Department',
  'FL|Office of the State Attorney Sixth Judicial Circuit',
  'FL|Office of the State Attorney, 20th Judicial Circuit',
  'AR|16th Judicial Distric Drug Task Force',
  'OK|Office of The District Attorney - Eighth District',
];

function realInputs(): IngestInput[] {
  const files: string[] = [];
  for (const sub of ['ice-287g/participating', 'ice-287g/pending', 'ice-287g/derived/html-era-tables']) {
    const d = requirePackFile(sub);
    for (const f of readdirSync(d).sort()) if (f.endsWith('.xlsx')) files.push(join(d, f));
  }
  files.push(requirePackFile('ice-287g/reference/fbi_lee_latest.csv'));
  files.push(requirePackFile('racial-profiling-fixtures/acs_2017_5yr_county_B03002.csv'));
  return files.map((f) => ({ file: f, bytes: readFileSync(f) }));
}

function generatedInputs(): IngestInput[] {
  const rows = [
    { state: 'LA', agency: "Calcasieu Parish Sheriff's Office", county: 'Calacasieu Parish', type: 'County' },
    { state: 'AR', agency: "Pope County Sheriff's Office", county: 'Pop County', type: 'County' },
    { state: 'VA', agency: "Hopewell County Sheriff's Office", county: 'Hopewell County', type: 'County' },
    {
      state: 'VA',
      agency: 'Rappahannock, Shenandoah, Warren Regional Jail Authority',
      county: '#N/A',
      type: 'County',
    },
    { state: 'VA', agency: 'Southwest Virginia Regional Jail Authority', county: '#N/A', type: 'County' },
    { state: 'FL', agency: 'Florida Highway Patrol', county: '#N/A', type: 'State Agency' },
    { state: 'TX', agency: 'Bexar County Constable Precinct 3', county: 'Bexar County', type: 'County' },
    { state: 'FL', agency: "Jacksonville Sheriff's Office", county: '#N/A', type: 'County' },
    { state: 'FL', agency: "Kershaw County Sheriff's Office", county: 'Kershaw County', type: 'County' },
    { state: 'KY', agency: 'Williamsburg Police Department', county: 'Whitely County', type: 'Municipality' },
    { state: 'FL', agency: 'Gulfport Police Department', county: 'Pinellas County', type: 'Municipality' },
    { state: 'NE', agency: "Banner County Sheriff's Office", county: 'Banner County', type: 'County' },
    { state: 'NY', agency: 'Nassau County Police Department', county: 'Nassau County', type: 'County' },
    {
      state: 'FL',
      agency: 'Office of the State Attorney Sixth Judicial Circuit',
      county: '#NA',
      type: 'State Agency',
    },
    {
      state: 'OK',
      agency: 'Office of The District Attorney - Eighth District',
      county: 'Kay County',
      type: 'County',
    },
  ].map((r) => ({ ...r, model: 'TFM' as const, signed: '2025-02-01' }));
  return [
    {
      file: 'participating-2025-06-02.xlsx',
      bytes: icePublication({ kind: 'participating', modified: '2025-06-02T15:00:00Z', rows }),
    },
    {
      file: 'fbi.csv',
      bytes: fbiCsv([
        {
          ori: 'FL0160000',
          name: "Jacksonville Sheriff's Office",
          state: 'FL',
          county: 'DUVAL',
          type: 'County',
        },
        { ori: 'LA0100000', name: 'Calcasieu', state: 'LA', county: 'CALCASIEU', type: 'County' },
        // The FBI's own code for Nebraska; Nassau's bare county row beside a campus row of the county.
        { ori: 'NB0040000', name: 'Banner', state: 'NB', county: 'BANNER', type: 'County' },
        { ori: 'NY0290000', name: 'Nassau', state: 'NY', county: 'NASSAU', type: 'County' },
        {
          ori: 'NY229UN00',
          name: 'State University of New York Police:',
          state: 'NY',
          county: 'NASSAU',
          type: 'University or College',
        },
      ]),
    },
    {
      file: 'acs.json',
      vintage: '2022',
      bytes: acsApiJson([
        {
          fips: '22019',
          name: 'Calcasieu Parish, Louisiana',
          total: 200000,
          hispanic: 9000,
          white: 1,
          black: 1,
        },
        { fips: '12031', name: 'Duval County, Florida', total: 990000, hispanic: 100000, white: 1, black: 1 },
      ]),
    },
  ];
}

let home: string;
let ledger: Ledger;
let report: Awaited<ReturnType<typeof ingest>>;
let places: Placement[];
let latestIds: Set<string>;

beforeAll(async () => {
  home = tempDir('reassess-pack-geo-');
  ledger = await openLedger({ home });
  report = await ingest(ledger, real ? realInputs() : generatedInputs(), {
    now: () => new Date('2026-06-01T00:00:00Z'),
  });
  expect(report.counts.rejected).toBe(0);
  places = await listPlacements(ledger.db);
  const cur = await latestSightings(ledger.db);
  latestIds = new Set();
  for (const s of [cur.participating, cur.pending])
    if (s) for (const r of await refsOf(ledger.db, s.id)) if (r.agencyId) latestIds.add(r.agencyId);
}, 240_000);
afterAll(async () => {
  await ledger?.close();
  rmSync(home, { recursive: true, force: true });
});

describe(`geography over the ${real ? 'real' : 'generated'} pack`, () => {
  it('meets the placement targets at the latest publication, and reports the share placed per level', () => {
    const latest = summarize(places.filter((p) => latestIds.has(p.agencyId)));
    const all = summarize(places);
    const share = (s: { agencies: number; placed: number } | undefined) =>
      s ? `${s.placed}/${s.agencies} (${((100 * s.placed) / s.agencies).toFixed(1)}%)` : 'none';
    console.info(
      `[pack-geography] latest publication: ${Object.entries(latest.byLevel)
        .map(([l, s]) => `${l} ${share(s)}`)
        .join(
          ', ',
        )}; all agencies: ${share(all)}; ORI ${latest.ori.matched} matched, ${latest.ori.ambiguous} ambiguous, ${latest.ori.none} none`,
    );
    const county = latest.byLevel.county;
    const municipal = latest.byLevel.municipal;
    const state = latest.byLevel.state;
    if (real) {
      expect(county && county.placed / county.agencies).toBeGreaterThanOrEqual(0.99);
      expect(municipal && municipal.placed / municipal.agencies).toBeGreaterThanOrEqual(0.95);
    } else {
      // The generated set holds four agencies no rule may place: one listed under the wrong state, three
      // multi-county bodies without a membership entry whose counties their name does not give.
      expect(
        places
          .filter((p) => p.method === 'unplaced')
          .map((p) => p.name)
          .sort(),
      ).toEqual([
        "Kershaw County Sheriff's Office",
        'Office of The District Attorney - Eighth District',
        'Office of the State Attorney Sixth Judicial Circuit',
        'Southwest Virginia Regional Jail Authority',
      ]);
    }
    expect(state?.agencies).toBeGreaterThan(0);
    expect(state?.placed).toBe(state?.agencies);
    for (const p of places) {
      if (p.method === 'unplaced') expect(p.reason?.length ?? 0, p.name).toBeGreaterThan(20);
      else expect(p.reason).toBeNull();
      expect(p.rule).not.toBe('');
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(Object.keys(p.inputs)).toEqual(expect.arrayContaining(['name', 'county', 'type', 'parsed']));
    }
  });

  it('places the hard agencies as the golden file says', () => {
    const wanted = real ? HARD : [...new Set(places.map((p) => `${p.state}|${p.name}`))].sort();
    const golden = wanted.map((k) => {
      const [state, name] = k.split('|');
      const p = places.find((x) => x.state === state && x.name === name);
      expect(p, k).toBeDefined();
      return {
        agency: k,
        agencyId: p?.agencyId,
        level: p?.level,
        role: p?.role,
        countyFips: p?.countyFips,
        place: p?.place,
        method: p?.method,
        rule: p?.rule,
        confidence: p?.confidence,
        ori: p?.ori,
        oriStatus: p?.oriStatus,
        reason: p?.reason,
      };
    });
    checkGolden(GOLDEN_DIR, real ? 'placements-real' : 'placements-generated', golden);
  });

  it('applies every reviewed override to its agency (the real pack holds them all; generated IDs match none)', () => {
    const overrides = loadReference('geographyOverrides');
    expect(overrides.length).toBeGreaterThan(0);
    for (const o of overrides) {
      const p = places.find((x) => x.agencyId === o.agency_id);
      if (!real) {
        expect(p).toBeUndefined();
        continue;
      }
      expect(p, o.agency_id).toBeDefined();
      expect(p?.method).toBe('override');
      expect(p?.name).toBe(o.name);
    }
    if (!real)
      expect(places.some((p) => p.method === 'override' && p.rule === 'geography-overrides.csv')).toBe(false);
  });

  it('reads the FBI conventions: a Nebraska sheriff on its NB row, a county police never on a campus row', () => {
    const find = (state: string, name: string) => places.find((p) => p.state === state && p.name === name);
    expect(find('NE', "Banner County Sheriff's Office")).toMatchObject({
      ori: 'NB0040000',
      oriStatus: 'matched',
    });
    expect(find('NY', 'Nassau County Police Department')).toMatchObject({
      ori: null,
      oriStatus: 'ambiguous',
      oriCandidates: ['NY0290000'],
    });
    if (real) {
      expect(find('FL', 'University of Florida Police Department')?.ori).toBe('FL0010600');
      // `University of South Florida:` is written once per campus; the Tampa one is in Hillsborough.
      expect(find('FL', 'University of South Florida Police Department')?.ori).toBe('FL0290700');
      const nebraska = places.filter((p) => p.state === 'NE');
      console.info(
        `[pack-geography] Nebraska: ${nebraska.filter((p) => p.ori).length} of ${nebraska.length} agencies with an ORI`,
      );
      expect(nebraska.filter((p) => p.ori).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('places multi-county bodies in every member county, counts them there, and lists those it cannot place', async () => {
    const find = (state: string, name: string) => places.find((p) => p.state === state && p.name === name);
    const figures = await countyFigures(ledger.db);
    // The membership file names agencies of the real pack by ID; the generated set's IDs match none, so there
    // its circuit is left unplaced like any body without an entry.
    const members = real
      ? [
          ['FL', 'Office of the State Attorney Sixth Judicial Circuit', ['12101', '12103']],
          [
            'FL',
            'Office of the State Attorney, 20th Judicial Circuit',
            ['12015', '12021', '12043', '12051', '12071'],
          ],
        ]
      : [];
    for (const [state, name, fips] of members as [string, string, string[]][]) {
      const p = find(state, name);
      expect(p, name).toMatchObject({
        level: 'multi-county',
        countyFips: fips,
        method: 'override',
        rule: 'multi-county-members.csv',
      });
      for (const f of fips)
        expect(figures.counties.find((c) => c.fips === f)?.agencies, f).toContain(p?.agencyId);
    }
    const unplaced = [
      ['OK', 'Office of The District Attorney - Eighth District'],
      ['VA', 'Southwest Virginia Regional Jail Authority'],
      ...(real
        ? [['AR', '16th Judicial Distric Drug Task Force']]
        : [['FL', 'Office of the State Attorney Sixth Judicial Circuit']]),
    ];
    for (const [state, name] of unplaced) {
      const p = find(state as string, name as string);
      expect(p, name).toMatchObject({ level: 'multi-county', method: 'unplaced', countyFips: [] });
      expect(p?.reason).toMatch(/multi-county-members\.csv/);
    }
    // The run report lists them, with the reason.
    expect(report.geography?.multiCounty.unplaced.map((u) => u.name).sort()).toEqual(
      unplaced.map(([, n]) => n).sort(),
    );
    if (real)
      console.info(`[pack-geography] multi-county bodies: ${JSON.stringify(report.geography?.multiCounty)}`);
  });

  it('computes coverage on the latest date with every source named', async () => {
    const c = await coverage(ledger.db);
    expect(c.national.sheriffCounties.counties).toBeGreaterThan(0);
    expect(c.national.sheriffCounties.residents).toBeGreaterThan(0);
    expect(c.national.anyAgreementCounties.counties).toBeGreaterThanOrEqual(
      c.national.sheriffCounties.counties,
    );
    expect(c.sources.map((s) => s.kind)).toEqual(['ice-287g', 'us-atlas-counties', 'fbi-lee', 'acs-b03002']);
    if (real) console.info(`[pack-geography] coverage ${c.date}: ${JSON.stringify(c.national)}`);
  });
});
