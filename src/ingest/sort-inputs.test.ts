import { describe, expect, it } from 'vitest';
import { acsApiJson, acsRows, fbiCsv } from '../../test/fixtures/geography.ts';
import { writeXlsx } from '../../test/fixtures/xlsx-writer.ts';
import { sortInputs } from './sort-inputs.ts';

const workbook = writeXlsx({ sheets: [{ rows: [{ cells: ['STATE', 'LAW ENFORCEMENT AGENCY'] }] }] });
const fbi = fbiCsv([{ ori: 'FL0160000', name: 'Jacksonville', state: 'FL', county: 'DUVAL' }]);
const acs = acsApiJson(acsRows([['12031', 'Duval County, Florida', 100, 50, 30, 20]]));
const topology = Buffer.from('{"type":"Topology","objects":{"counties":{"geometries":[]}},"arcs":[]}');

describe('sortInputs (the first stage)', () => {
  it('tells reference files from workbooks by content, keeping the order of each', () => {
    const inputs = [
      { bytes: workbook, file: 'a.xlsx' },
      { bytes: fbi, file: 'lee.csv' },
      { bytes: Buffer.from('<html>Access denied</html>'), file: 'denied.xlsx' },
      { bytes: acs, file: 'acs.json' },
      { bytes: topology, file: 'counties.json' },
      { bytes: Buffer.from('name,value\nx,1\n'), file: 'other.csv' },
      { bytes: workbook, file: 'b.xlsx' },
    ];
    const sorted = sortInputs(inputs);
    expect(sorted.workbooks.map((w) => w.file)).toEqual(['a.xlsx', 'denied.xlsx', 'b.xlsx']);
    expect(sorted.references.map((r) => [r.input.file, r.kind])).toEqual([
      ['lee.csv', 'fbi-lee'],
      ['acs.json', 'acs-b03002'],
      ['counties.json', 'us-atlas-counties'],
      ['other.csv', 'unknown'],
    ]);
    // The inputs themselves are passed on, not copies.
    expect(sorted.references[0]?.input).toBe(inputs[1]);
    expect(sorted.references.some((r) => r.bundled)).toBe(false);
  });

  it('gives empty lists for no input', () => {
    expect(sortInputs([])).toEqual({ documents: [], references: [], workbooks: [] });
  });
});
