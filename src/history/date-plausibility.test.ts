import { describe, expect, it } from 'vitest';
import { datePolicy, implausibleDate } from './date-plausibility.ts';
import { Gate, type GateInput } from './gate.ts';

const policy = datePolicy('2025-06-01T12:00:00Z', '2002-07-01', 2);
const pub = (id: number, asOfDate: string, rows: number, newestSigned: string | null): GateInput => ({
  id,
  sha256: `s${id}`,
  kind: 'participating',
  asOfDate,
  rows,
  contentHash: `c${id}`,
  newestSigned,
});

describe('publication dates', () => {
  it('refuses dates before the first list, after now plus the skew, or before a signature listed', () => {
    expect(implausibleDate('2001-12-31', null, policy)).toMatch(
      /before the program's first list \(2002-07-01\)/,
    );
    expect(implausibleDate('2025-06-04', null, policy)).toMatch(/after today plus 2 days \(2025-06-03\)/);
    expect(implausibleDate('2019-06-01', '2025-03-20', policy)).toMatch(/signed on 2025-03-20/);
    expect(implausibleDate('2025-06-03', '2025-06-05', policy)).toBeNull();
    expect(implausibleDate('2002-07-01', null, policy)).toBeNull();
  });

  it('never judges a genuine list against a misdated one', () => {
    const gate = new Gate([], {}, policy);
    expect(gate.check(pub(1, '2019-06-01', 400, '2025-03-20')).status).toBe('quarantined');
    expect(gate.check(pub(2, '2025-03-03', 100, '2024-06-03'))).toEqual({ status: 'ok', reason: null });
    expect(gate.check(pub(3, '2025-04-07', 120, '2025-03-20'))).toEqual({ status: 'ok', reason: null });
  });

  it('lets a reviewed release stand', () => {
    const gate = new Gate([{ sha256: 's1', verdict: 'release', reason: 'r', evidence: 'e' }], {}, policy);
    expect(gate.check(pub(1, '2001-01-01', 10, null)).status).toBe('ok');
  });
});
