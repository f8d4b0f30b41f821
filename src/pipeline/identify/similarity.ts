/**
 * Name similarity for the matcher. Levenshtein on matching keys (fastest-levenshtein, measured in stack.md at
 * 44 µs/query), plus a guard: the generic words (police, sheriffs, county, city...) must agree, so that
 * `Lake City Police Department` never matches `Lake County Police Department` on spelling alone.
 */
import { distance } from 'fastest-levenshtein';

const GENERIC = new Set([
  'police',
  'department',
  'sheriffs',
  'sheriff',
  'office',
  'county',
  'city',
  'town',
  'township',
  'village',
  'borough',
  'of',
  'the',
  'and',
  'jail',
  'detention',
  'center',
  'correctional',
  'corrections',
  'facility',
  'state',
  'university',
  'college',
  'campus',
  'public',
  'safety',
  'parish',
  'constable',
  'marshal',
  'marshals',
  'board',
  'commissioners',
  'district',
  'attorney',
  'regional',
  'authority',
  'patrol',
  'highway',
  'bureau',
  'investigation',
  'division',
  'services',
  'service',
  'agency',
  'commission',
]);

/** Words that name the kind of agency: a city police department and a county sheriff are never one agency. */
const AGENCY_TYPES = new Set([
  'police',
  'sheriffs',
  'sheriff',
  'jail',
  'detention',
  'corrections',
  'correctional',
  'constable',
  'marshal',
  'marshals',
  'patrol',
  'attorney',
  'university',
  'college',
]);

export function ratio(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - distance(a, b) / max;
}

function split(key: string, local: ReadonlySet<string>): { core: string; generic: string } {
  const core: string[] = [];
  const generic: string[] = [];
  for (const t of key.split(' ')) if (!local.has(t)) (GENERIC.has(t) ? generic : core).push(t);
  return { core: core.join(' '), generic: generic.sort().join(' ') };
}

export interface Similarity {
  /** False when the names carry different numbers (`Precinct 1` / `Precinct 4`): never the same agency. */
  sameNumbers: boolean;
  score: number;
  sameGeneric: boolean;
  /** The words naming the kind of agency (police, sheriffs, jail...) agree. */
  sameType: boolean;
  coreScore: number;
}

const NONE: ReadonlySet<string> = new Set();

/** `local` holds words to ignore in the comparison (the state's own name: `Alaska Department of ...`). */
export function similarity(a: string, b: string, local: ReadonlySet<string> = NONE): Similarity {
  const x = split(a, local);
  const y = split(b, local);
  const digits = (k: string) => (k.match(/\d+/g) ?? []).join(' ');
  const sameNumbers = digits(a) === digits(b);
  if (!sameNumbers) return { sameNumbers, score: 0, sameGeneric: false, sameType: false, coreScore: 0 };
  const sameGeneric = x.generic === y.generic;
  // Names made only of generic words (`Idaho State Police`) agree when one's words contain the other's.
  const empty = x.core === '' || y.core === '';
  const gx = new Set(x.generic.split(' '));
  const gy = new Set(y.generic.split(' '));
  const nested = [...gx].every((w) => gy.has(w)) || [...gy].every((w) => gx.has(w));
  const coreScore = empty ? (x.core === y.core && nested ? 1 : 0) : ratio(x.core, y.core);
  const kind = (g: Set<string>) =>
    [...g]
      .filter((w) => AGENCY_TYPES.has(w))
      .sort()
      .join(' ');
  const sameType = kind(gx) === kind(gy);
  return { sameNumbers, score: ratio(a, b), sameGeneric, sameType, coreScore };
}
