/** The FBI agency table indexed for placement and the ORI crosswalk: by state, by place name, by county. */

import { memo } from '../domain/memo.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { CAMPUS_TYPE, type FbiAgency, leeBaseName, leeState } from '../sources/fbi-lee/read-lee.ts';
import { squash } from './county-name.ts';

/** A place name as a matching key: `St. Petersburg` = `Saint Petersburg`, `City of Monroe` = `Monroe`. */
/** (Memoized: pure, called for every FBI row and every agency.) */
export const placeKey = memo(placeKeyOf);

function placeKeyOf(raw: string): string {
  return squash(
    raw
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[\u2018\u2019`]/g, "'")
      .trim()
      .replace(/^(the\s+)?(city|town|village|borough|township|municipality)\s+of\s+/, '')
      .replace(
        /\s+(police department|police dept\.?|police|pd|department of public safety|public safety)$/,
        '',
      ),
  );
}

/**
 * The institution a campus agency's name names: police words and trustees' boards dropped (`University of
 * Florida Police Department`, `Florida A&M University Board of Trustees`, `District Board of Trustees of
 * Pensacola State College`, `State University of New York Police`).
 */
export function institutionOf(name: string): string {
  return name
    .trim()
    .replace(/^(the\s+)?(district\s+)?board of trustees of\s+(the\s+)?/i, '')
    .replace(/\s+board of trustees$/i, '')
    .replace(
      /[\s,-]+(campus police|university police|police department|police dept\.?|police services|police|department of public safety|public safety)$/i,
      '',
    )
    .trim();
}

export class FbiIndex {
  private readonly byState = new Map<string, FbiAgency[]>();
  private readonly byPlace = new Map<string, FbiAgency[]>();
  /** Name keys per state, built on first use (agencyKey is the costly part and most states are not asked). */
  private readonly byFullKey = new Map<string, Map<string, FbiAgency[]>>();

  readonly agencies: readonly FbiAgency[];

  /** Rows are indexed under their USPS state (the FBI's own codes read by `leeState`, whenever they were stored). */
  constructor(rows: readonly FbiAgency[]) {
    this.agencies = rows.map((a) => {
      const st = leeState(a.state, a.ori);
      return st && st.state !== a.state ? { ...a, state: st.state } : a;
    });
    for (const a of this.agencies) {
      const list = this.byState.get(a.state) ?? [];
      list.push(a);
      this.byState.set(a.state, list);
      const k = `${a.state}|${placeKey(a.name)}`;
      const p = this.byPlace.get(k) ?? [];
      p.push(a);
      this.byPlace.set(k, p);
    }
  }

  /** FBI rows of `state` with the same name matching key as `name` (abbreviations expanded, case ignored). */
  byName(state: string, name: string): FbiAgency[] {
    let keys = this.byFullKey.get(state);
    if (!keys) {
      keys = new Map();
      for (const a of this.inState(state)) {
        const k = agencyKey(a.name, state);
        keys.set(k, [...(keys.get(k) ?? []), a]);
      }
      this.byFullKey.set(state, keys);
    }
    return keys.get(agencyKey(name, state)) ?? [];
  }

  /**
   * Campus rows (type `University or College`) of `state` whose institution is `institution` (a name without its
   * police words): the FBI names them by the institution alone, and a multi-campus one once per campus with a
   * trailing `:` (see `leeBaseName`).
   */
  campuses(state: string, institution: string): FbiAgency[] {
    const want = agencyKey(institution, state);
    return this.inState(state).filter(
      (a) => a.type === CAMPUS_TYPE && agencyKey(institutionOf(leeBaseName(a.name).base), state) === want,
    );
  }

  inState(state: string): FbiAgency[] {
    return this.byState.get(state) ?? [];
  }

  /** FBI rows of `state` whose name is the place (`Gulfport`, `Gulfport Police Department`). */
  byPlaceName(state: string, place: string): FbiAgency[] {
    return this.byPlace.get(`${state}|${placeKey(place)}`) ?? [];
  }

  /** City agencies of a place (type City; the FBI names them by the city alone). */
  cities(state: string, place: string): FbiAgency[] {
    const bare = place.replace(/\s+(city|town|village|borough|township)$/i, '');
    const variants = [
      place,
      bare,
      ...['Village', 'Town', 'City', 'Township', 'Borough'].map((w) => `${bare} ${w}`),
    ];
    for (const v of new Set(variants)) {
      const found = this.byPlaceName(state, v).filter((a) => a.type === 'City');
      if (found.length > 0) return found;
    }
    return [];
  }
}
