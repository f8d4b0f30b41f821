/**
 * What the pages of one ledger version read beyond the pages' data (read/site-data.ts), built once per version:
 * the read model itself (agency details, counties, agreements), ZIP codes and their counties, every agency's point
 * on the maps, the ZIP codes of each county, the first list date of each kind ("our records begin"), and the ACS
 * vintage the population figures use.
 */
import type { StoredFile } from '../read/files.ts';
import type { LedgerView } from '../read/model.ts';
import type { PlaceData, ZipCounty } from '../read/places.ts';
import type { SiteData } from '../read/site-data.ts';
import { type AgencyPoint, agencyPoints } from './agency-points.ts';
import type { RecordsBegin } from './agreement-words.ts';

export interface PageModel {
  view: LedgerView;
  places: PlaceData;
  /** Each timeline agency's point (null: drawn as its county's shade), by timeline index. */
  points: (AgencyPoint | null)[];
  /** Timeline index of each agency ID. */
  agencyIndex: Map<string, number>;
  /** County FIPS → its ZIP codes, with the share of each ZIP's land in the county. */
  zipsByCounty: Map<string, { zip: string; share: number }[]>;
  recordsBegin: RecordsBegin;
  /** The ACS 5-year vintage of the population figures (`2017`: the 2013–2017 estimates), or null. */
  acsVintage: string | null;
  /** Every stored file with its retrievals (the downloads page). */
  files: StoredFile[];
}

function zipsByCounty(zips: Map<string, ZipCounty[]>): PageModel['zipsByCounty'] {
  const out: PageModel['zipsByCounty'] = new Map();
  for (const [zip, parts] of zips)
    for (const p of parts) {
      const list = out.get(p.fips);
      if (list) list.push({ zip, share: p.share });
      else out.set(p.fips, [{ zip, share: p.share }]);
    }
  return out;
}

function recordsBegin(data: SiteData): RecordsBegin {
  const first = (kind: string) =>
    data.snapshots
      .filter((s) => s.kind === kind && s.status !== 'quarantined')
      .map((s) => s.date)
      .sort()[0] ?? null;
  return { participating: first('participating'), pending: first('pending') };
}

export async function buildPageModel(view: LedgerView, data: SiteData): Promise<PageModel> {
  const places = await view.places();
  const figures = await view.figures();
  return {
    view,
    places,
    points: agencyPoints(data.timeline.agencies, places.agencyPoints),
    agencyIndex: new Map(data.timeline.agencies.map((a, i) => [a[0], i])),
    zipsByCounty: zipsByCounty(places.zips),
    recordsBegin: recordsBegin(data),
    acsVintage: figures.sources.find((s) => s.kind === 'acs-b03002')?.vintage ?? null,
    files: await view.files(),
  };
}
