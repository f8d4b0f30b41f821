/**
 * Difference-in-differences on unit-month counts (§8.1–8.2), as binomial logistic regressions with unit and
 * month fixed effects. Staggered signing dates are handled by stacking (Cengiz et al. 2019): one sub-panel per
 * treated unit (its own window, the never-treated comparison units), with fixed effects per (sub-panel, unit)
 * and (sub-panel, month), so no treated unit serves as another's control. Gives the effect β (log-odds), its
 * cluster-robust SE by unit (CR1), the event-study coefficients around signing (reference k = −1, end bins
 * pooled) and the joint Wald test of the leads. Cluster-robust errors need many clusters and many treated ones
 * (with one treated unit its own score is ~0 by construction and the SE collapses): `clusterInferenceValid`.
 */
import { buildDesign, type ColumnBlock, factor, intercept, numeric } from './design.ts';
import { chiSquareUpper } from './gamma.ts';
import { fitLogit, type LogitFit } from './glm.ts';
import { waldStatistic } from './linalg.ts';

export interface PanelCell {
  unit: string;
  /** Month index (year·12 + month − 1). */
  period: number;
  s: number;
  n: number;
}

export interface Treatment {
  unit: string;
  /** First treated month (index). */
  start: number;
}

export interface StackOptions {
  /** Months kept either side of each signing date. */
  window: number;
  /** Event-study bins: k from −leads to lags; null for the plain DiD. */
  event: { leads: number; lags: number } | null;
}

interface StackRow extends PanelCell {
  stack: number;
  treatedRow: boolean;
  /** Treated and on or after the signing month. */
  after: boolean;
  k: number | null;
}

export const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const monthLabel = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

function stackRows(
  cells: PanelCell[],
  treated: Treatment[],
  controls: string[],
  o: StackOptions,
): StackRow[] {
  const ctl = new Set(controls);
  return treated.flatMap((t, stack) =>
    cells
      .filter(
        (c) => (c.unit === t.unit || ctl.has(c.unit)) && Math.abs(c.period - t.start) <= o.window && c.n > 0,
      )
      .map((c) => {
        const treatedRow = c.unit === t.unit;
        const k =
          treatedRow && o.event ? Math.max(-o.event.leads, Math.min(o.event.lags, c.period - t.start)) : null;
        return { ...c, stack, treatedRow, after: treatedRow && c.period >= t.start, k };
      }),
  );
}

function designFor(rows: StackRow[], o: StackOptions): { blocks: ColumnBlock[]; effects: string[] } {
  const fe: ColumnBlock[] = [
    factor(
      'unit:',
      rows.map((r) => `${r.stack}|${r.unit}`),
    ),
    factor(
      'month:',
      rows.map((r) => `${r.stack}|${r.period}`),
    ),
  ];
  if (!o.event) {
    const d = numeric(
      'treated_after',
      rows.map((r) => (r.after ? 1 : 0)),
    );
    return { blocks: [intercept(), d, ...fe], effects: ['treated_after'] };
  }
  const ks: number[] = [];
  for (let k = -o.event.leads; k <= o.event.lags; k++) if (k !== -1) ks.push(k);
  const names = ks.map((k) => `k${k}`);
  const ev: ColumnBlock = {
    names,
    fill: (i, out, off) => {
      out.fill(0, off, off + names.length);
      const k = rows[i]?.k;
      const j = k === null || k === undefined ? -1 : ks.indexOf(k);
      if (j >= 0) out[off + j] = 1;
    },
  };
  return { blocks: [intercept(), ev, ...fe], effects: names };
}

export interface DidFit {
  fit: LogitFit;
  effects: { name: string; beta: number | null; seModel: number | null; seCluster: number | null }[];
  clusterCov: number[][];
  clusters: number;
  treatedClusters: number;
  rows: number;
  treatedUnitMonths: number;
}

/** CR1 cluster-robust covariance of the named coefficients: G/(G−1) Σ_g (B u_g)(B u_g)ᵀ. */
function clusterCovariance(
  fit: LogitFit,
  d: { data: Float64Array; cols: number },
  rows: StackRow[],
  idx: number[],
) {
  const p = d.cols;
  const byCluster = new Map<string, Float64Array>();
  rows.forEach((r, i) => {
    const u = byCluster.get(r.unit) ?? new Float64Array(p);
    const resid = r.s - r.n * (fit.fitted[i] as number);
    for (let j = 0; j < p; j++) u[j] = (u[j] as number) + (d.data[i * p + j] as number) * resid;
    byCluster.set(r.unit, u);
  });
  const G = byCluster.size;
  const b = (k: number, j: number) => {
    const v = fit.covariance[k * p + j] as number;
    return Number.isNaN(v) ? 0 : v;
  };
  const V = idx.map(() => idx.map(() => 0));
  for (const u of byCluster.values()) {
    const bu = idx.map((k) => {
      let s = 0;
      for (let j = 0; j < p; j++) s += b(k, j) * (u[j] as number);
      return s;
    });
    for (let a = 0; a < idx.length; a++) {
      const row = V[a] as number[];
      for (let c = 0; c < idx.length; c++)
        row[c] = (row[c] as number) + (bu[a] as number) * (bu[c] as number);
    }
  }
  const scale = G > 1 ? G / (G - 1) : Number.NaN;
  return { V: V.map((row) => row.map((v) => v * scale)), G };
}

export function stackedDid(
  cells: PanelCell[],
  treated: Treatment[],
  controls: string[],
  o: StackOptions,
): DidFit {
  const rows = stackRows(cells, treated, controls, o);
  if (rows.length === 0) throw new Error('difference-in-differences: no unit-months in the windows');
  const { blocks, effects } = designFor(rows, o);
  const design = buildDesign(rows.length, blocks);
  const fit = fitLogit({
    design,
    successes: rows.map((r) => r.s),
    trials: rows.map((r) => r.n),
    mode: 'binomial',
  });
  const idx = effects.map((e) => design.names.indexOf(e));
  const cc = clusterCovariance(fit, design, rows, idx);
  return {
    fit,
    effects: effects.map((name, a) => ({
      name,
      beta: fit.coefficients[idx[a] as number] ?? null,
      seModel: fit.se[idx[a] as number] ?? null,
      seCluster: Number.isFinite(cc.V[a]?.[a]) ? Math.sqrt(cc.V[a]?.[a] as number) : null,
    })),
    clusterCov: cc.V,
    clusters: cc.G,
    treatedClusters: new Set(treated.map((x) => x.unit)).size,
    rows: rows.length,
    treatedUnitMonths: rows.filter((r) => r.treatedRow && r.period >= (treated[r.stack] as Treatment).start)
      .length,
  };
}

/** CR1 is trusted with 30+ units of which 10+ treated (MacKinnon & Webb 2017); otherwise randomization inference. */
export const clusterInferenceValid = (f: DidFit) => f.clusters >= 30 && f.treatedClusters >= 10;

/** Joint Wald test that the lead coefficients (k ≤ −2) are zero, with the covariance given. */
export function leadTest(
  fit: DidFit,
  cov: 'cluster' | 'model',
): { statistic: number; df: number; p: number } | null {
  const leads = fit.effects
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => Number(e.name.slice(1)) <= -2 && e.beta !== null);
  if (leads.length === 0) return null;
  const p = fit.fit.names.length;
  const col = (name: string) => fit.fit.names.indexOf(name);
  const matrix = leads.map(({ e: a, i: ia }) =>
    leads.map(({ e: b, i: ib }) =>
      cov === 'cluster'
        ? ((fit.clusterCov[ia] as number[])[ib] as number)
        : (fit.fit.covariance[col(a.name) * p + col(b.name)] as number),
    ),
  );
  const statistic = waldStatistic(
    leads.map(({ e }) => e.beta as number),
    matrix,
  );
  return { statistic, df: leads.length, p: chiSquareUpper(statistic, leads.length) };
}
