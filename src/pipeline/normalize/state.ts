/** STATE → USPS code. Territories included; typos fixed only by the reviewed file state-corrections.csv. */
import { loadReference } from '../../reference/load.ts';
import { cleanText } from './text.ts';

export const STATES: Readonly<Record<string, string>> = {
  ALABAMA: 'AL',
  ALASKA: 'AK',
  ARIZONA: 'AZ',
  ARKANSAS: 'AR',
  CALIFORNIA: 'CA',
  COLORADO: 'CO',
  CONNECTICUT: 'CT',
  DELAWARE: 'DE',
  'DISTRICT OF COLUMBIA': 'DC',
  FLORIDA: 'FL',
  GEORGIA: 'GA',
  HAWAII: 'HI',
  IDAHO: 'ID',
  ILLINOIS: 'IL',
  INDIANA: 'IN',
  IOWA: 'IA',
  KANSAS: 'KS',
  KENTUCKY: 'KY',
  LOUISIANA: 'LA',
  MAINE: 'ME',
  MARYLAND: 'MD',
  MASSACHUSETTS: 'MA',
  MICHIGAN: 'MI',
  MINNESOTA: 'MN',
  MISSISSIPPI: 'MS',
  MISSOURI: 'MO',
  MONTANA: 'MT',
  NEBRASKA: 'NE',
  NEVADA: 'NV',
  'NEW HAMPSHIRE': 'NH',
  'NEW JERSEY': 'NJ',
  'NEW MEXICO': 'NM',
  'NEW YORK': 'NY',
  'NORTH CAROLINA': 'NC',
  'NORTH DAKOTA': 'ND',
  OHIO: 'OH',
  OKLAHOMA: 'OK',
  OREGON: 'OR',
  PENNSYLVANIA: 'PA',
  'RHODE ISLAND': 'RI',
  'SOUTH CAROLINA': 'SC',
  'SOUTH DAKOTA': 'SD',
  TENNESSEE: 'TN',
  TEXAS: 'TX',
  UTAH: 'UT',
  VERMONT: 'VT',
  VIRGINIA: 'VA',
  WASHINGTON: 'WA',
  'WEST VIRGINIA': 'WV',
  WISCONSIN: 'WI',
  WYOMING: 'WY',
  'AMERICAN SAMOA': 'AS',
  GUAM: 'GU',
  'NORTHERN MARIANA ISLANDS': 'MP',
  'PUERTO RICO': 'PR',
  'U.S. VIRGIN ISLANDS': 'VI',
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
