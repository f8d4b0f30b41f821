import { describe, expect, it } from 'vitest';
import { decodeRefs, encodeRefs } from '../domain/listing-refs.ts';
import { buildHistory } from './build.ts';
import type { FoldRow, PubIn } from './types.ts';

type NumberedRow = FoldRow & { row: number };

function row(n: number, name: string, model: FoldRow['model'], signed: string | null): NumberedRow {
  return {
    row: n,
    state: 'TX',
    agencyName: name,
    agencyKey: name.toLowerCase(),
    jurisdictionType: 'county',
    county: null,
    model,
    signedPublished: signed,
    signed,
    signedRule: signed ? 'serial' : 'blank',
    signedRaw: signed,
    moaUrl: null,
    addendumUrl: null,
  };
}

function pub(id: number, date: string, rows: NumberedRow[]): PubIn {
  return {
    id,
    sha256: `sha${id}`,
    kind: 'participating',
    source: 'ice-workbook',
    asOf: `${date}T12:00:00.000Z`,
    asOfDate: date,
    contentHash: `content${id}`,
    listings: rows,
    rows: rows.map((r) => r.row),
  };
}

const fillers = (n: number) =>
  Array.from({ length: 30 }, (_, i) => row(n + i, `Filler ${i} County Sheriffs Office`, 'WSO', '2024-01-01'));

describe('re-signed agreements', () => {
  const pubs = [
    pub(1, '2025-01-10', [row(2, 'Harris County Sheriffs Office', 'JEM', '2020-06-09'), ...fillers(3)]),
    pub(2, '2025-02-10', [row(2, 'Harris County Sheriffs Office', 'JEM', '2020-06-09'), ...fillers(3)]),
    // ICE lists the same agency and model with a signing date five years later: a new MOA.
    pub(3, '2025-03-10', [row(2, 'Harris County Sheriffs Office', 'JEM', '2025-03-01'), ...fillers(3)]),
    pub(4, '2025-04-10', [row(2, 'Harris County Sheriffs Office', 'JEM', '2025-03-04'), ...fillers(3)]),
  ];
  const h = buildHistory({ pubs, decisions: [], agencies: [], aliases: [], knownBad: [] });
  const harris = h.agreements.filter((a) => a.name === 'Harris County Sheriffs Office');

  it('supersedes the old agreement with a new one, and keeps small date changes on the same one', () => {
    expect(harris.map((a) => [a.status, a.signed, a.firstListed, a.lastListed])).toEqual([
      ['superseded', '2020-06-09', '2025-01-10', '2025-02-10'],
      ['active', '2025-03-04', '2025-03-10', '2025-04-10'],
    ]);
    const [old, now] = harris;
    expect(old?.supersededBy).toBe(now?.agreementId);
    expect(now?.supersedes).toBe(old?.agreementId);
    expect(old?.agreementId).not.toBe(now?.agreementId);
    expect(old?.intervals.every((i) => !i.open)).toBe(true);
  });

  it('records the re-signing as a re-signed event, not as a removal and an addition', () => {
    const kinds = h.events
      .filter((e) => harris.some((a) => a.agreementId === e.agreementId))
      .map((e) => [e.date, e.kind, e.details.evidence ?? null]);
    expect(kinds).toEqual([
      ['2025-03-10', 're-signed', 'date'],
      ['2025-04-10', 'signed-date-changed', null],
    ]);
  });

  it('points each row at the agreement listed that day, through the stored compact form too', () => {
    for (const p of pubs) {
      const refs = h.refs.filter((r) => r.publication === p.id);
      expect(decodeRefs(JSON.parse(JSON.stringify(encodeRefs(refs))), p.id)).toEqual(refs);
    }
    const id = (p: number) => h.refs.find((r) => r.publication === p && r.row === 2)?.agreementId;
    expect(id(2)).toBe(harris[0]?.agreementId);
    expect(id(3)).toBe(harris[1]?.agreementId);
  });
});
