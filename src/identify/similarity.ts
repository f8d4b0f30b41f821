/**
 * Name similarity for the matcher. Levenshtein on matching keys (fastest-levenshtein, chosen by measurement:
 * docs/performance.md § Choices measured in the code), plus a guard: the generic words (police, sheriffs, county,
 * city...) must agree, so that `Lake City Police Department` never matches `Lake County Police Department` on
 * spelling alone.
 */
import { distance } from 'fastest-levenshtein';

export const GENERIC = new Set([
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

interface Parts {
  core: string;
  generic: string;
  genericWords: ReadonlySet<string>;
  /** The agency-type words, sorted and joined. */
  kind: string;
  numbers: string;
}

const partsCache = new WeakMap<ReadonlySet<string>, Map<string, Parts>>();

/** A key's distinctive and generic words (memoized: the matcher compares the same keys many times). */
function split(key: string, local: ReadonlySet<string>): Parts {
  let byKey = partsCache.get(local);
  if (!byKey) {
    byKey = new Map();
    partsCache.set(local, byKey);
  }
  let p = byKey.get(key);
  if (!p) {
    const core: string[] = [];
    const generic: string[] = [];
    for (const t of key.split(' ')) if (!local.has(t)) (GENERIC.has(t) ? generic : core).push(t);
    generic.sort();
    p = {
      core: core.join(' '),
      generic: generic.join(' '),
      genericWords: new Set(generic),
      kind: generic.filter((w) => AGENCY_TYPES.has(w)).join(' '),
      numbers: (key.match(/\d+/g) ?? []).join(' '),
    };
    if (byKey.size > 100_000) byKey.clear();
    byKey.set(key, p);
  }
  return p;
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
  const sameNumbers = x.numbers === y.numbers;
  if (!sameNumbers) return { sameNumbers, score: 0, sameGeneric: false, sameType: false, coreScore: 0 };
  const sameGeneric = x.generic === y.generic;
  // Names made only of generic words (`Idaho State Police`) agree when one's words contain the other's.
  const empty = x.core === '' || y.core === '';
  let coreScore: number;
  if (!empty) coreScore = ratio(x.core, y.core);
  else {
    const nested =
      [...x.genericWords].every((w) => y.genericWords.has(w)) ||
      [...y.genericWords].every((w) => x.genericWords.has(w));
    coreScore = x.core === y.core && nested ? 1 : 0;
  }
  return { sameNumbers, score: ratio(a, b), sameGeneric, sameType: x.kind === y.kind, coreScore };
}
