/**
 * County names → a matching key: case, punctuation, spacing (`De Kalb` / `DeKalb`), `St.` / `Saint` and the
 * kind word (`County`, `Parish`, `Borough`, `Census Area`, `Municipio`) do not matter. Whether the name says
 * "city" is kept apart: Virginia's independent cities (and Baltimore, St. Louis, Carson City) share names with
 * counties, so `Richmond City` and `Richmond County` are different places and a bare `Richmond` is ambiguous.
 */
import { memo } from '../domain/memo.ts';
import { cleanText } from '../domain/text.ts';

export interface CountyKey {
  key: string;
  /** true: the name says city; false: it says county (or parish, borough…); null: it says neither. */
  city: boolean | null;
}

/** Kind words, with the misspellings of "county" ICE has published (`Couny`, `Countey`, `Conty`). */
const KIND_WORDS =
  /\b(county|couny|countey|conty|cnty|parish|borough|census area|city and borough|municipality|municipio|co)\b\.?/g;

/** The key of a county name (memoized: pure, and the same names come back thousands of times). */
export const countyKey = memo(countyKeyOf);

function countyKeyOf(raw: string): CountyKey {
  let s = cleanText(raw)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'");
  let city: boolean | null = null;
  if (/^city of\s+/.test(s)) {
    city = true;
    s = s.replace(/^city of\s+/, '');
  }
  if (/\bcity$/.test(s) && !/^(carson|james|charles) city$/.test(s)) {
    city = true;
    s = s.replace(/\s*\bcity$/, '');
  }
  if (
    /\b(county|couny|countey|conty|cnty|parish|borough|census area|municipio)\b/.test(s) ||
    /\bco\.?$/.test(s)
  ) {
    if (!/^city and borough/.test(s)) city = city ?? false;
  }
  return { key: squash(s.replace(KIND_WORDS, ' ')), city };
}

/** Lower-case text to a key: `St.`/`Ste.`/`Ft.`/`Mt.` spelled out, `&` as `and`, everything but letters and digits dropped. */
export function squash(lower: string): string {
  return `${lower} `
    .replace(/\bste\.?\s/g, 'sainte ')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/\bft\.?\s/g, 'fort ')
    .replace(/\bmt\.?\s/g, 'mount ')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}
