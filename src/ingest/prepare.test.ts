/**
 * Preparing one file never throws: any text in any cell, link, header, date or file name gives either a prepared
 * publication whose every stored text the ledger can hold, or a rejection with its reason (naming row and field
 * when one cell is at fault). A rejected file leaves the ingest's shared row memory (`seen`) as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileWorkbook } from '../../test/fixtures/hostile-workbook.ts';
import { escapeXmlAny, writeXlsxWith } from '../../test/fixtures/xlsx-writer.ts';
import { fillerRows, icePublication } from '../../test/support/ledgers.ts';
import { sha256Hex } from '../domain/hash.ts';
import { unstorableChar } from '../domain/text.ts';
import { type Prepared, prepare } from './prepare.ts';
import { MAX_AGENCY_KEY, MAX_AGENCY_NAME } from './storable.ts';

const PREPARE_RUNS = 300;

const input = (bytes: Buffer, file = 'hostile.xlsx') => ({ bytes, file, sha256: sha256Hex(bytes) });

/** Every text of a prepared file that goes to the database. */
function storedTexts(p: Prepared): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(p.meta);
  walk(p.problems);
  for (const [, sig, cells] of p.versions) {
    out.push(sig);
    walk(JSON.parse(cells));
  }
  return out;
}

/** A participating list with one row whose agency name is `name` (written with escapeXmlAny). */
function withAgency(name: string): Buffer {
  const HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED'];
  return writeXlsxWith(
    {
      sheets: [
        {
          rows: [
            { cells: HEADER },
            {
              cells: [
                'TEXAS',
                "Bexar County Sheriff's Office",
                'County',
                'Bexar',
                'Jail Enforcement Model',
                45000,
              ],
            },
            { cells: ['TEXAS', 'QQNAMEQQ', 'County', 'Hays', 'Jail Enforcement Model', 45000] },
          ],
        },
      ],
      props: { creator: 'Spina, Michael', modified: '2025-04-01T15:00:00Z' },
    },
    { QQNAMEQQ: name },
  );
}

describe('prepare on any file', () => {
  it('never throws: a prepared file holds only what the ledger can store, or the file is rejected', () => {
    let prepared = 0;
    let rejected = 0;
    fc.assert(
      fc.property(hostileWorkbook, (wb) => {
        const r = prepare(input(wb.bytes, wb.file));
        if (!r.ok) {
          expect(r.reason).toMatch(/\S/);
          rejected++;
          return;
        }
        prepared++;
        for (const t of storedTexts(r)) expect(unstorableChar(t)).toBeNull();
        for (const l of r.listings) {
          expect(l.agencyName?.length ?? 0).toBeLessThanOrEqual(MAX_AGENCY_NAME);
          expect(l.agencyKey?.length ?? 0).toBeLessThanOrEqual(MAX_AGENCY_KEY);
        }
      }),
      { numRuns: PREPARE_RUNS },
    );
    expect(prepared).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('rejects a NUL, a lone surrogate or a 3,000-character name with its row and field; a bidi mark is kept', () => {
    const reason = (name: string) => {
      const r = prepare(input(withAgency(name)));
      return r.ok ? null : r.reason;
    };
    expect(reason('Hays\u0000County')).toBe(
      'row 3, field LAW ENFORCEMENT AGENCY: the value holds U+0000 (NUL) at character 5, which the ledger cannot store',
    );
    expect(reason('Hays \ud800 County')).toMatch(
      /^row 3, field LAW ENFORCEMENT AGENCY: .*lone UTF-16 surrogate \(U\+D800\)/,
    );
    expect(reason(`${'Hays '.repeat(600)}County`)).toBe(
      'row 3, field LAW ENFORCEMENT AGENCY: an agency name of 3,006 characters (the limit is 500): not an agency name',
    );
    // Abbreviations that expand past the key's limit (`PD` is `police department`).
    expect(reason(`Hays ${'PD '.repeat(160)}`)).toMatch(
      /^row 3, field LAW ENFORCEMENT AGENCY: .*abbreviations expand/,
    );
    const bidi = prepare(input(withAgency('Hays \u202eCounty\u202c Sheriff')));
    expect(bidi.ok && bidi.listings[1]?.agencyName).toBe('Hays \u202eCounty\u202c Sheriff');
    expect(escapeXmlAny('a\u0000\ud800"')).toBe('a&#x0;&#xD800;&quot;');
  });

  it('leaves the shared row memory as it was when a file is rejected', () => {
    const seen = new Map<string, string>();
    const bad = prepare(input(withAgency('Hays\u0000County')), seen);
    expect(bad.ok).toBe(false);
    expect(seen.size).toBe(0);
    // The good row the bad file shared is still carried by the next file that has it.
    const good = prepare(input(withAgency('Hays County Sheriff')), seen);
    expect(good.ok && good.versions.map(([, sig]) => sig).some((s) => s.includes('Bexar'))).toBe(true);
    const again = prepare(
      input(icePublication({ kind: 'participating', modified: '2025-04-02T15:00:00Z', rows: fillerRows(3) })),
      seen,
    );
    expect(again.ok).toBe(true);
  });
});
