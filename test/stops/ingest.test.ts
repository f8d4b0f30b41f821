/**
 * `stops ingest` on generated files: the typed load, the quarantine by reason (a shifted row, a value that is not
 * a boolean, a value outside a vocabulary, a date out of range), legacy values mapped with a flag, the raw file
 * kept by sha256, zipped input, and another publisher's file through a reviewed mapping.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestStops } from '../../src/analyze/ingest-stops.ts';
import { listStopDatasets } from '../../src/store/stop-datasets.ts';
import { HARTFORD_LIKE, STOP_HEADER, stopsCsv } from '../fixtures/stops.ts';
import { type StopsHarness, stopsHarness } from '../support/stops.ts';

const WORLD = { ...HARTFORD_LIKE, days: 60, stopsPerDay: 10 };
const good = (overrides: Record<string, string>) =>
  STOP_HEADER.map(
    (c) =>
      overrides[c] ??
      {
        raw_row_number: 'x',
        date: '2014-02-01',
        time: '12:00:00',
        subject_race: 'white',
        type: 'vehicular',
        outcome: 'warning',
        search_conducted: 'FALSE',
      }[c] ??
      'NA',
  ).join(',');
const BROKEN = [
  '9001,2014-02-01,12:00:00,41.7,-72.6',
  good({ raw_row_number: '9002', search_conducted: 'Traffic Violation' }),
  good({ raw_row_number: '9003', subject_race: 'martian' }),
  good({ raw_row_number: '9004', date: '1960-05-01' }),
  good({ raw_row_number: '9005', subject_race: 'other/unknown' }),
];

describe('stops ingest', () => {
  let h: StopsHarness;
  beforeAll(async () => {
    h = await stopsHarness();
  });
  afterAll(async () => h.close());

  it('loads typed rows and quarantines each failing row with its reason', async () => {
    const file = h.file('ct_hartford_2020_04_01.csv', stopsCsv(WORLD, BROKEN));
    const r = await ingestStops(h.deps, { file, name: 'synthetic' });
    const d = r.dataset;
    expect(d.rows).toEqual({ read: 605, loaded: 601, quarantined: 4 });
    expect(d.quarantine.map((q) => q.reason).sort()).toEqual([
      'CAST in search_conducted',
      'date out of range',
      'vocabulary: subject_race',
      'wrong number of columns',
    ]);
    expect(r.examples.find((e) => e.line === 602)?.reason).toMatch(/MISSING COLUMNS/);
    expect(r.examples.find((e) => e.line === 603)?.reason).toMatch(/Traffic Violation/);
    expect(d.problems).toContain('1 rows with a subject_race legacy value (mapped to unknown)');
    expect(d.location).toBe('ct_hartford');
    expect(d.centre).toEqual({ lat: 41.7658043, lng: -72.6733723 });
    expect(d.timeZone).toBe('America/New_York');
    expect(d.countyFips).toBe('09003');
    expect(d.period).toEqual({ from: '2014-01-01', to: '2014-03-01' });
    expect(r.newRawFile).toBe(true);
    expect(readFileSync(h.deps.ledger.raw.pathOf(d.sha256), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('the same bytes again add no raw file and replace the dataset', async () => {
    const file = h.file('ct_hartford_2020_04_01.csv', stopsCsv(WORLD, BROKEN));
    const r = await ingestStops(h.deps, { file, name: 'synthetic' });
    expect(r.newRawFile).toBe(false);
    expect((await listStopDatasets(h.deps.ledger.db)).map((d) => d.datasetId)).toEqual(['synthetic']);
  });

  it('reads the CSV inside a zip (as OPP publishes it)', async () => {
    const csv = new TextEncoder().encode(stopsCsv(WORLD));
    const file = h.file('ct_hartford_2020_04_01.csv.zip', zipSync({ 'ct_hartford_2020_04_01.csv': csv }));
    const r = await ingestStops(h.deps, { file, name: 'zipped' });
    expect(r.dataset.rows).toEqual({ read: 600, loaded: 600, quarantined: 0 });
    expect(r.dataset.mediaType).toBe('application/zip');
  });

  it('refuses a file without the required columns, naming the file', async () => {
    const file = h.file('other.csv', 'a,b\n1,2\n');
    await expect(ingestStops(h.deps, { file })).rejects.toThrow(/other.csv: the header has no "date" column/);
  });

  it('reads another publisher file through a reviewed mapping, quarantining codes it does not cover', async () => {
    const mapping = h.file(
      'mapping.csv',
      [
        'target,source,format,values,evidence,reviewed',
        'date,STOP_DATE,%m/%d/%Y,,"publisher data dictionary, STOP_DATE",2026-12-07',
        'time,STOP_TIME,%H:%M,,"publisher data dictionary, STOP_TIME",2026-12-07',
        'subject_race,RACE,,W=white;B=black;H=hispanic;U=unknown,"publisher codebook, RACE",2026-12-07',
        'search_conducted,SEARCHED,,Y=TRUE;N=FALSE,"publisher codebook, SEARCHED",2026-12-07',
        'type,KIND,,T=vehicular;P=pedestrian,"publisher codebook, KIND",2026-12-07',
        '@source,Testville open data portal,,,the portal page,2026-12-07',
        '@licence,CC0-1.0,,,the portal page,2026-12-07',
        '@time_zone,America/Chicago,,,Testville is in Central time,2026-12-07',
      ].join('\n'),
    );
    const file = h.file(
      'testville.csv',
      'STOP_DATE,STOP_TIME,RACE,SEARCHED,KIND\n03/01/2015,17:45,W,N,T\n03/02/2015,18:10,B,Y,T\n03/02/2015,18:10,Z,N,T\n13/45/2015,18:10,W,N,T\n',
    );
    const r = await ingestStops(h.deps, { file, name: 'testville', mapping });
    expect(r.dataset.rows).toEqual({ read: 4, loaded: 2, quarantined: 2 });
    expect(r.dataset.quarantine.map((q) => q.reason).sort()).toEqual([
      'mapping: date value not covered',
      'mapping: subject_race value not covered',
    ]);
    expect(r.dataset.source).toBe('Testville open data portal');
    expect(r.dataset.timeZone).toBe('America/Chicago');
    expect(r.dataset.mapping).toBe('mapping.csv');
  });

  it('refuses a mapping row without evidence, naming file, line and field', async () => {
    const mapping = h.file(
      'bad-mapping.csv',
      'target,source,format,values,evidence,reviewed\ndate,D,%Y,,,2026-12-07\n',
    );
    const file = h.file('x.csv', 'D\n2015\n');
    await expect(ingestStops(h.deps, { file, mapping })).rejects.toThrow(
      /bad-mapping.csv, line 2, field evidence/,
    );
  });
});
