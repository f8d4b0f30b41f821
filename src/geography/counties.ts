/**
 * Counties (and county equivalents) from the `us-atlas` county TopoJSON: FIPS code, name, state. Independent
 * cities are told apart by their FIPS code (county part 500 and above in Virginia, Baltimore, St. Louis and
 * Carson City), because the shapes name `Richmond` city and `Richmond` county alike.
 */
import { distance } from 'fastest-levenshtein';
import type { County } from '../domain/geography.ts';
import { countyKey } from './county-name.ts';

export type CountyMatch =
  | { ok: true; county: County }
  | { ok: false; reason: 'no-match' | 'ambiguous'; candidates: County[] };

/** Name lookup of counties within a state. */
export class CountyIndex {
  private readonly byKey = new Map<string, County[]>();
  readonly byFips = new Map<string, County>();

  constructor(readonly counties: readonly County[]) {
    for (const c of counties) {
      this.byFips.set(c.fips, c);
      const k = `${c.state}|${countyKey(c.name).key}`;
      const list = this.byKey.get(k) ?? [];
      list.push(c);
      this.byKey.set(k, list);
    }
  }

  inState(state: string): County[] {
    return this.counties.filter((c) => c.state === state);
  }

  /**
   * The county of `state` whose name is closest to `name` (at most two edits, and only one that close): a
   * suggestion for the review list, never a placement (typos become reviewed corrections).
   */
  suggest(state: string, name: string): County | null {
    const k = countyKey(name).key;
    if (k.length < 4) return null;
    let best: County[] = [];
    let bestD = 3;
    for (const c of this.inState(state)) {
      const d = distance(k, countyKey(c.name).key);
      if (d < bestD) {
        bestD = d;
        best = [c];
      } else if (d === bestD) best.push(c);
    }
    return best.length === 1 ? (best[0] ?? null) : null;
  }

  /** Counties of any state with this name (to explain a county named under the wrong state). */
  findAnywhere(name: string): County[] {
    const k = countyKey(name);
    if (!k.key) return [];
    return this.counties.filter(
      (c) => countyKey(c.name).key === k.key && (k.city === null || c.city === k.city),
    );
  }

  /** The county of `state` named `name` (`Calcasieu Parish`, `Richmond City`, `St Johns`). */
  find(state: string, name: string): CountyMatch {
    const k = countyKey(name);
    if (!k.key) return { ok: false, reason: 'no-match', candidates: [] };
    let list = this.byKey.get(`${state}|${k.key}`) ?? [];
    if (k.city !== null && list.length > 1) list = list.filter((c) => c.city === k.city);
    else if (k.city === true) list = list.filter((c) => c.city);
    else if (k.city === false && list.length === 1 && list[0]?.city) list = [];
    if (list.length === 1 && list[0]) return { ok: true, county: list[0] };
    return { ok: false, reason: list.length > 1 ? 'ambiguous' : 'no-match', candidates: list };
  }
}
