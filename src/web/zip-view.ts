/**
 * A ZIP code typed in a search box: the counties it lies in (from the Census ZCTA to county relationship file, as
 * the `zips` data file carries it), each with its page and the share of the ZIP code's land in it, and the
 * sentence that says so. Shared by the search page (server) and the search island, so both say the same thing.
 */
import { stateByFips } from '../reference/us-states.ts';
import type { Lang } from './i18n.ts';
import { translator } from './i18n.ts';
import { pagePaths } from './paths.ts';

/** A ZIP code's counties as the `zips` data file has them: [county FIPS, county name, share of land in %]. */
export type ZipParts = [string, string, number][];

export interface ZipHit {
  fips: string;
  label: string;
  share: number;
  path: string;
}

/** The ZIP code a query is (five digits, optionally ZIP+4), or null. */
export function zipOf(q: string): string | null {
  const m = /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(q);
  return m ? (m[1] as string) : null;
}

export function zipHits(parts: ZipParts): ZipHit[] {
  return parts.map(([fips, name, share]) => ({
    fips,
    label: `${name}, ${stateByFips(fips.slice(0, 2))?.name ?? fips.slice(0, 2)}`,
    share,
    path: pagePaths.county(fips),
  }));
}

/** What the search says of a ZIP code: the number of its counties, or that none is known. */
export function zipStatus(lang: Lang, zip: string, hits: ZipHit[]): string {
  const t = translator(lang);
  return hits.length > 0 ? t('zipIn', { zip, n: hits.length }) : t('zipNone', { zip });
}

/** The line under a county of a ZIP code that spans several. */
export function zipShareText(lang: Lang, hit: ZipHit, of: number): string {
  if (of <= 1) return translator(lang)('typeCounty');
  return translator(lang)('zipShare', { share: `${hit.share}%` });
}
