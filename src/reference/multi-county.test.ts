/** The membership file of multi-county bodies: the reviewed file loads, and a bad row names file, line and field. */
import { describe, expect, it } from 'vitest';
import { ReferenceFileError } from '../domain/errors.ts';
import { loadMembers, parseMembers } from './multi-county.ts';

const HEADER = 'agency_id,state,name,kind,county_fips,evidence_kind,evidence_url,evidence,reviewed';
const GOOD =
  'agy-circuit001,FL,Some Circuit,judicial-circuit,12101;12103,statute,https://example.org/a,"The circuit is comprised of Pasco and Pinellas counties.",2026-12-07';

function refused(row: string): string {
  try {
    parseMembers(`${HEADER}\n${GOOD}\n${row}\n`, 'members.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(ReferenceFileError);
    return (e as Error).message;
  }
  throw new Error('the row was accepted');
}

describe('multi-county-members.csv', () => {
  it('loads the reviewed file: every entry with its counties in its state, a URL and a quoted passage', () => {
    const entries = loadMembers();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.countyFips.length).toBeGreaterThanOrEqual(2);
      expect(e.evidenceUrl).toMatch(/^https?:\/\//);
      expect(e.evidenceQuote.length).toBeGreaterThan(20);
    }
  });

  it('refuses a bad row with the file, the line and the field', () => {
    const row = (over: Partial<Record<string, string>>) => {
      const cells = GOOD.match(/("[^"]*"|[^,]+)/g) ?? [];
      const cols = HEADER.split(',');
      return cols.map((c, i) => over[c] ?? cells[i] ?? '').join(',');
    };
    expect(refused(row({ agency_id: 'agy-circuit002', county_fips: '12101;1210' }))).toBe(
      'members.csv, line 3: county_fips: "1210" is not a 5-digit county FIPS code',
    );
    expect(refused(row({ agency_id: 'agy-circuit002', county_fips: '12101;13121' }))).toBe(
      'members.csv, line 3: county_fips: 13121 is not a county of FL (its FIPS codes begin 12)',
    );
    expect(refused(row({ agency_id: 'agy-circuit002', county_fips: '12101' }))).toMatch(
      /line 3: county_fips: a multi-county body lists at least two counties/,
    );
    expect(refused(row({ agency_id: 'agy-circuit002', evidence_url: 'flsa6.gov' }))).toBe(
      'members.csv, line 3: evidence_url: not an http(s) URL',
    );
    expect(refused(row({ agency_id: 'agy-circuit002', evidence: 'trust me' }))).toMatch(
      /line 3: evidence: quote the passage/,
    );
    expect(refused(row({ agency_id: 'agy-circuit002', kind: 'county' }))).toMatch(
      /line 3: kind must be one of jail-authority\/judicial-circuit\/task-force/,
    );
    expect(refused(row({ agency_id: 'agy-circuit002', evidence_kind: 'news' }))).toMatch(
      /line 3: evidence_kind must be one of statute\/own-site\/official-site/,
    );
    expect(refused(row({ agency_id: 'circuit' }))).toBe(
      'members.csv, line 3: agency_id: "circuit" is not an agency ID',
    );
    expect(refused(row({}))).toBe(
      'members.csv, line 3: agency_id: agy-circuit001 is already listed on line 2',
    );
    expect(refused(row({ agency_id: 'agy-circuit002', state: 'XX' }))).toBe(
      'members.csv, line 3: state: "XX" is not a USPS state code',
    );
  });
});
