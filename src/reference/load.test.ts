import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ReferenceFileError } from '../domain/errors.ts';
import { CountyIndex } from '../geography/counties.ts';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import { loadReference, parseReference, REFERENCE_DIR, type ReferenceName, SPECS } from './load.ts';

const require = createRequire(import.meta.url);
const counties = new CountyIndex(
  parseCountyTopology(readFileSync(require.resolve('us-atlas/counties-10m.json')), 'counties-10m.json'),
);

describe('reviewed reference files', () => {
  it.each(Object.keys(SPECS) as ReferenceName[])(
    '%s parses, every entry with evidence and a review date',
    (name) => {
      const rows = loadReference(name);
      for (const r of rows as Record<string, string>[]) {
        expect(r.evidence?.length ?? 0, JSON.stringify(r)).toBeGreaterThan(10);
        expect(r.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    },
  );

  it('refuses a file with a wrong header, a missing field, an empty required value or a bad value, naming the line', () => {
    const spec = SPECS.geographyOverrides;
    const header = spec.columns.join(',');
    expect(() => parseReference(spec, 'agency_id,state\n')).toThrow(ReferenceFileError);
    expect(() => parseReference(spec, `${header}\nagy-0000000000,FL,X,county,12001,,evidence\n`)).toThrow(
      /geography-overrides\.csv, line 2: expected 8 fields, found 7/,
    );
    expect(() => parseReference(spec, `${header}\nagy-0000000000,FL,X,county,12001,,,2026-01-01\n`)).toThrow(
      /line 2: evidence is empty/,
    );
    expect(() =>
      parseReference(spec, `${header}\nagy-0000000000,FL,X,galaxy,12001,,because,2026-01-01\n`),
    ).toThrow(/line 2: level must be one of/);
    expect(() =>
      parseReference(spec, `${header}\nagy-0000000000,FL,X,county,12001,,because,yesterday\n`),
    ).toThrow(/line 2: reviewed must be a YYYY-MM-DD date/);
    expect(REFERENCE_DIR).toMatch(/reference/);
  });

  it('county corrections map a value that is not a county of its state to one that is', () => {
    for (const c of loadReference('countyCorrections')) {
      expect(counties.find(c.state, c.wrong).ok, `${c.state} ${c.wrong} is already a county`).toBe(false);
      expect(counties.find(c.state, c.correct), `${c.state} ${c.correct}`).toMatchObject({ ok: true });
    }
  });

  it('geography overrides name agency IDs and counties of the agency state', () => {
    for (const o of loadReference('geographyOverrides')) {
      expect(o.agency_id).toMatch(/^agy-[0-9a-z]{10}$/);
      for (const f of o.county_fips.split(/[;\s]+/).filter(Boolean)) {
        const c = counties.byFips.get(f);
        expect(c, `${o.agency_id}: ${f}`).toBeDefined();
        expect(c?.state).toBe(o.state);
      }
    }
  });
});
