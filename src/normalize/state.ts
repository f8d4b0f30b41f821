/** STATE → USPS code. Territories included; typos fixed only by the reviewed file state-corrections.csv. */

import { cleanText } from '../domain/text.ts';
import { loadReference } from '../reference/load.ts';
import { allStates } from '../reference/us-states.ts';

/** Upper-case names (and the other names ICE has used for the Virgin Islands) → USPS code. */
export const STATES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(allStates().map((st) => [st.name.toUpperCase(), st.usps])),
  'VIRGIN ISLANDS': 'VI',
  'UNITED STATES VIRGIN ISLANDS': 'VI',
};

export const STATE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STATES)
    .filter(([n]) => !n.startsWith('U.S.') && !n.startsWith('UNITED STATES'))
    .map(([n, c]) => [c, n]),
);

const CODES = new Set(Object.values(STATES));

export interface StateResult {
  code: string | null;
  /** How the raw value was read: exact name, USPS code, reviewed correction, or not at all. */
  rule: 'name' | 'code' | 'correction' | 'missing' | 'unknown';
  evidence?: string;
}

export function normalizeState(raw: string | null | undefined): StateResult {
  if (raw === null || raw === undefined) return { code: null, rule: 'missing' };
  const v = cleanText(raw).toUpperCase().replace(/\.$/, '');
  if (v === '') return { code: null, rule: 'missing' };
  const byName = STATES[v];
  if (byName) return { code: byName, rule: 'name' };
  if (CODES.has(v)) return { code: v, rule: 'code' };
  const fix = loadReference('stateCorrections').find((c) => c.wrong.toUpperCase() === v);
  if (fix) {
    const code = STATES[fix.correct.toUpperCase()] ?? null;
    return { code, rule: 'correction', evidence: fix.evidence };
  }
  return { code: null, rule: 'unknown' };
}
