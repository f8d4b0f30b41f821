/**
 * `reassess stops before-after`: the before/after 287(g) designs (§8) built on the ledger's own agreements.
 * `did` and `event` compare a treated unit (an agency of a multi-agency dataset, bound to its agreement) with
 * comparison units; `spillover` compares a state patrol's stops in counties whose sheriff signed with counties
 * without agreements. The comparison set is chosen from metadata and recorded before the outcomes (minority share
 * of stops per unit-month) are read. Inference: cluster-robust (CR1) by unit with 30 or more units, otherwise
 * randomization (placebo) inference over the comparison units; the result says which.
 */
import { UsageError } from '../domain/errors.ts';
import { monthIndex, type PanelCell, stackedDid, type Treatment } from '../stats/did.ts';
import {
  type AgreementRegistry,
  loadAgreementRegistry,
  type RegistryEntry,
} from '../store/agreement-registry.ts';
import { countyNames } from '../store/stop-population.ts';
import { unitCoverage, unitMonthCounts } from '../store/stops/panel-query.ts';
import { chooseAgencyDesign, chooseSpilloverDesign } from './before-after-design.ts';
import { buildBeforeAfterReport, type DesignFit } from './before-after-result.ts';
import { type ComparisonSet, recordedComparison } from './comparison-set.ts';
import { type DatasetContext, monthGates, openDataset, type WindowOptions } from './dataset-context.ts';
import type { AnalyzeDeps } from './deps.ts';
import type { MethodReport } from './method-result.ts';

export type Design = 'did' | 'event' | 'spillover';

export interface BeforeAfterOptions extends WindowOptions {
  design?: Design;
  unit?: string;
  treated?: string;
  agreement?: string;
  /** Months kept either side of each signing date (default 24). */
  window?: number;
  seed?: number;
}

function pickAgreement(
  ctx: DatasetContext,
  registry: AgreementRegistry,
  o: BeforeAfterOptions,
): RegistryEntry {
  const id = o.agreement;
  const mine = id
    ? registry.filter((r) => r.agreementId === id)
    : registry.filter((r) => r.agencyId === ctx.dataset.agencyId && r.signed);
  if (mine.length === 0)
    throw new UsageError(
      id
        ? `--agreement: no agreement ${id} in the ledger (same state)`
        : '--agreement ID is needed (the dataset names no agency with a signed agreement)',
    );
  return [...mine].sort((a, b) => ((a.signed ?? '') < (b.signed ?? '') ? -1 : 1))[0] as RegistryEntry;
}

async function chooseSet(
  ctx: DatasetContext,
  design: Design,
  column: string,
  o: BeforeAfterOptions,
  scope: Parameters<typeof unitCoverage>[1],
) {
  const db = ctx.deps.ledger.db;
  const registry = await loadAgreementRegistry(db, ctx.dataset.state ? { state: ctx.dataset.state } : {});
  const units = await unitCoverage(ctx.deps.duck, scope, column);
  const counties =
    design === 'spillover' && ctx.dataset.state ? await countyNames(db, ctx.dataset.state) : [];
  const keyParts = {
    column,
    treated: o.treated ?? null,
    agreement: o.agreement ?? null,
    from: scope.from,
    to: scope.to,
  };
  return recordedComparison(ctx, design, keyParts, () => {
    if (design === 'spillover') return chooseSpilloverDesign(units, registry, counties);
    if (!o.treated)
      throw new UsageError(`--treated UNIT is needed: the ${column} value of the agency that signed`);
    return chooseAgencyDesign(units, registry, column, o.treated, pickAgreement(ctx, registry, o));
  });
}

function panelCells(rows: Awaited<ReturnType<typeof unitMonthCounts>>): PanelCell[] {
  return rows.map((r) => ({ unit: r.unit, period: monthIndex(r.month), s: r.minority, n: r.known }));
}

async function fitDesign(
  ctx: DatasetContext,
  set: ComparisonSet,
  design: Design,
  column: string,
  minority: string,
  o: BeforeAfterOptions,
  scope: Parameters<typeof unitCoverage>[1],
): Promise<DesignFit> {
  const units = [...set.treated.map((t) => t.unit), ...set.controls];
  const rows = await unitMonthCounts(ctx.deps.duck, scope, column, minority, units);
  const cells = panelCells(rows);
  const treatments: Treatment[] = set.treated.map((t) => ({
    unit: t.unit,
    start: monthIndex(t.signed.slice(0, 7)),
  }));
  const window = o.window ?? 24;
  const did = stackedDid(cells, treatments, set.controls, { window, event: null });
  const event =
    design === 'event'
      ? stackedDid(cells, treatments, set.controls, { window, event: { leads: 12, lags: 12 } })
      : null;
  return { rows, cells, treatments, did, event, window, seed: o.seed ?? 17 };
}

export async function runBeforeAfter(
  deps: AnalyzeDeps,
  id: string,
  o: BeforeAfterOptions = {},
): Promise<MethodReport[]> {
  const ctx = await openDataset(deps, id, o);
  const design = o.design ?? 'did';
  if (!['did', 'event', 'spillover'].includes(design))
    throw new UsageError('--design must be did, event or spillover');
  const column = o.unit ?? (design === 'spillover' ? 'county_name' : 'department_name');
  if (!ctx.columns.has(column))
    throw new UsageError(`dataset "${id}" has no ${column} column (choose one with --unit)`);
  const mg = await monthGates(ctx, []);
  const set = await chooseSet(ctx, design, column, o, mg.scope);
  const reports: MethodReport[] = [];
  for (const minority of ['hispanic', 'black'] as const) {
    const enough = set.treated.length > 0 && set.controls.length > 0;
    const fit = enough ? await fitDesign(ctx, set, design, column, minority, o, mg.scope) : null;
    reports.push(
      buildBeforeAfterReport(ctx, {
        design,
        column,
        minority,
        set,
        fit,
        gates: [...ctx.baseGates, ...mg.gates],
      }),
    );
  }
  return reports;
}
