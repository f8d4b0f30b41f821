/**
 * What an OPP file name says: `ct_hartford_2020_04_01.csv(.zip)` is state CT, location `hartford`, release
 * 2020-04-01 (an excerpt may add a suffix such as `_SHORT`). The location key (`ct_hartford`) selects the
 * dataset's reviewed location entry (centre point, county, time zone) in src/reference/stop-locations.csv.
 */

export interface OppFileName {
  /** `ct_hartford`. */
  key: string;
  state: string;
  location: string;
  release: string;
  /** An excerpt's suffix (`SHORT`), or null. */
  suffix: string | null;
}

const PATTERN = /^([a-z]{2})_([a-z0-9_]+?)_(\d{4})_(\d{2})_(\d{2})(?:_([A-Za-z0-9]+))?\.csv(?:\.zip)?$/;

export function parseOppFileName(base: string): OppFileName | null {
  const m = PATTERN.exec(base);
  if (!m) return null;
  const [, state, location, y, mo, d, suffix] = m as unknown as string[];
  return {
    key: `${state}_${location}`,
    state: (state as string).toUpperCase(),
    location: location as string,
    release: `${y}-${mo}-${d}`,
    suffix: suffix ?? null,
  };
}

/** A dataset id from a name: lower case, letters, digits and `_`, starting with a letter, at most 63 characters. */
export function datasetId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/\.csv(\.zip)?$/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const safe = /^[a-z]/.test(id) ? id : `d_${id}`;
  return safe.slice(0, 63);
}
