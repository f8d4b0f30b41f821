/**
 * What an agency's, a county's or a state's page is made from, as one digest per page: a republish renders again
 * only the pages whose digest changed since the published site (whose digests are kept in its manifest,
 * static-export.ts) and keeps the others as they are. Every other page (home, changes, indexes, documents…) is
 * rendered on every publish: they show the whole ledger or the latest list.
 *
 * A page's digest is the sha256 of the build stamp (the program's own files, the site's options and the static
 * assets' URLs: a new template renders every page again) and of the page's inputs as JSON: the agency's detail
 * record, evidence and stop data; or the county, its agencies' detail records and levels, its ZIP codes and the
 * shades and points of its small map; or the state's agencies, counties, map, changes and figures (stateInputs).
 * ICE's latest lists are written as `@latest` in these inputs: an agency still
 * on the list has the latest list's date in its record, but its page does not print it (it says "still on it"), so
 * a new list that does not change the agency does not change its page. test/render/republish.test.ts holds a
 * republish byte-identical to a full publish.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisView, StopDatasetView } from '../read/analyses.ts';
import type { SiteData } from '../read/site-data.ts';
import { agenciesShown, figuresOn, MODELS, STATUSES } from '../read/timeline.ts';
import { stateByUsps } from '../reference/us-states.ts';
import { latestPoints, latestShades } from '../web/area-points.ts';
import type { RenderCtx } from '../web/context.ts';
import { countyShapes } from '../web/map-shapes.ts';
import { countyMapFrame } from '../web/pages/county/map.tsx';
import { pagePaths } from '../web/paths.ts';
import type { SiteState } from '../web/site.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The program's own files (src/ or build/src/, and the package lock: preact's version renders too), hashed: a
 * page rendered by other code is rendered again. Read once per process (~1 MB).
 */
export function codeStamp(): string {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..');
  const h = createHash('sha256');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|css|csv|json)$/.test(e.name) && !/\.test\./.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of files) h.update(f.slice(src.length)).update('\0').update(readFileSync(f)).update('\0');
  for (const lock of [join(src, '..', 'package-lock.json'), join(src, '..', '..', 'package-lock.json')])
    try {
      h.update(readFileSync(lock));
      break;
    } catch {
      // not beside this tree
    }
  return h.digest('hex');
}

/** The ICE lists that are the latest of their kind (their dates and publication IDs), written `@latest` in digests. */
function latestLists(data: SiteData) {
  const f = [data.fresh.participating, data.fresh.pending].filter((x) => x !== null);
  return { dates: new Set(f.map((x) => x.date)), pubs: new Set(f.map((x) => x.publication)) };
}

/** JSON of `value` with the latest lists' dates and publication IDs as `@latest` (and their file records left out). */
function stableJson(value: unknown, latest: ReturnType<typeof latestLists>): string {
  return JSON.stringify(value, function (key, v) {
    if (typeof v === 'string' && latest.dates.has(v)) return '@latest';
    if (typeof v === 'number' && /Publication$|^publication$/.test(key) && latest.pubs.has(v))
      return '@latest';
    if (key === 'publications' && v && typeof v === 'object' && !Array.isArray(v) && this)
      return Object.fromEntries(Object.entries(v).filter(([id]) => !latest.pubs.has(Number(id))));
    return v;
  });
}

export interface StopData {
  ofAgency(agencyId: string): StopDatasetView[];
  ofDataset(id: string): AnalysisView[];
}

/** What every agency and county page shares: the build stamp, the options and what the page model adds. */
export function siteStamp(code: string, s: SiteState, options: Record<string, unknown>): string {
  return sha256(
    JSON.stringify({
      code,
      options,
      recordsBegin: s.model.recordsBegin,
      acsVintage: s.model.acsVintage,
    }),
  );
}

function agencyInputs(s: SiteState, id: string, stop: StopData) {
  const into = s.data.merged.get(id);
  if (into) return { merged: into, name: s.data.agencyById.get(into)?.name ?? null };
  const d = s.view.details.get(id);
  const datasets = stop.ofAgency(id);
  return {
    detail: d ?? null,
    row: s.data.agencyById.get(id) ?? null,
    counties: (d?.placement?.countyFips ?? []).map((f) => s.model.view.counties.get(f)?.label ?? null),
    evidence: s.view.evidence.forPlacement(id, s.view.placements.get(id)),
    stop: datasets.map((x) => [x, stop.ofDataset(x.datasetId)]),
  };
}

function countyInputs(s: SiteState, fips: string, ctx: RenderCtx) {
  const ids = s.model.view.countyAgencies.get(fips) ?? [];
  const mine = new Set(ids);
  const drawn = countyMapFrame(fips);
  const shades = latestShades(ctx);
  const st = fips.slice(0, 2);
  const state = s.model.view.counties.get(fips)?.state ?? '';
  return {
    county: s.model.view.counties.get(fips) ?? null,
    agencies: ids.map((id) => [s.view.details.get(id) ?? null, s.data.agencyById.get(id)?.level ?? null]),
    zips: s.model.zipsByCounty.get(fips) ?? [],
    near: drawn
      ? drawn.near.map((f) => [f, shades.get(f) ?? null, s.model.view.counties.get(f)?.label])
      : null,
    points: drawn ? latestPoints(ctx, (id) => mine.has(id)) : null,
    feed: s.data.agencies.some((a) => a.state === state) || s.data.changes.some((c) => c.state === state),
    st,
  };
}

/**
 * What a state's page shows (pages/state.tsx and its sections): its agencies with their status on the latest list,
 * the agencies of its counties, its counties and their population, its map's shades, labels and points, its
 * twenty latest changes, its figures and coverage, whether the latest list has a date, and the states listed at
 * the foot of the page. The page does not print the latest list's date in the static export (figures.tsx).
 */
function stateInputs(s: SiteState, usps: string, ctx: RenderCtx, everListed: Map<number, unknown>) {
  const tl = s.data.timeline;
  const last = Math.max(0, tl.dates.length - 1);
  const fips = stateByUsps(usps)?.fips ?? '';
  const agencies = s.data.agencies.filter((a) => a.state === usps);
  const counties = [...s.data.counties.values()].filter((c) => c.state === usps);
  const mine = new Set(counties.map((c) => c.fips));
  const near = s.data.agencies.filter((a) => a.countyFips.some((f) => mine.has(f)));
  const ids = [...new Set([...agencies, ...near].map((a) => a.agencyId))].sort();
  const shades = latestShades(ctx);
  const changes = s.data.changes.filter((c) => c.state === usps);
  return {
    usps,
    agencies,
    near: near.map((a) => [a.agencyId, a.name, a.countyFips]),
    listed: ids.map((id) => [id, everListed.get(s.model.agencyIndex.get(id) ?? -1) ?? null]),
    counties,
    map: (countyShapes().byState.get(fips) ?? []).map((f) => [
      f,
      shades.get(f) ?? null,
      s.model.view.counties.get(f)?.label ?? null,
    ]),
    points: latestPoints(ctx, (id) => s.data.agencyById.get(id)?.state === usps),
    changes: changes.slice(0, 20),
    anyChange: changes.length > 0,
    figures: figuresOn(tl, last, usps),
    coverage: s.data.coverage?.states.find((c) => c.state === usps) ?? null,
    population: Object.keys(tl.pop).length > 0,
    date: tl.dates[last] ?? null,
    states: [...new Set(s.data.agencies.map((a) => a.state))].sort(),
  };
}

/**
 * The digest of every agency, county and state page (by language-free path), from `stamp` (siteStamp) and each
 * page's inputs. Paths missing from the map have no digest: they are rendered on every publish.
 */
export function pageDigests(
  s: SiteState,
  stamp: string,
  agencyIds: readonly string[],
  countyFips: readonly string[],
  stop: StopData,
  stateCodes: readonly string[] = [],
): Map<string, string> {
  const latest = latestLists(s.data);
  const ctx = { data: s.data, model: s.model } as RenderCtx;
  const out = new Map<string, string>();
  const tl = s.data.timeline;
  const everListed = agenciesShown(tl, Math.max(0, tl.dates.length - 1), new Set(MODELS), new Set(STATUSES));
  for (const code of stateCodes)
    out.set(pagePaths.state(code), sha256(stamp + stableJson(stateInputs(s, code, ctx, everListed), latest)));
  for (const id of agencyIds)
    out.set(pagePaths.agency(id), sha256(stamp + stableJson(agencyInputs(s, id, stop), latest)));
  for (const f of countyFips)
    out.set(pagePaths.county(f), sha256(stamp + stableJson(countyInputs(s, f, ctx), latest)));
  return out;
}
