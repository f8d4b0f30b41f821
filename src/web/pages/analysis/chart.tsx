/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One small chart per analysis, drawn on the server as SVG (no script): the minority share of stops in daylight
 * and in darkness by clock time, or in all (veil of darkness), the event study's estimates with their intervals by month from signing
 * (before/after), or stop rates by group (rates). Each chart names what it shows in its caption and label; the
 * numbers themselves are in the result's table beside it.
 */
import type { AnalysisView } from '../../../read/analyses.ts';
import type { RenderCtx } from '../../context.ts';
import { num } from './words.ts';

const W = 320;
const H = 160;
const PAD = 30;

interface Bar {
  label: string;
  value: number;
}

function Bars({ bars, ctx, digits }: { bars: Bar[]; ctx: RenderCtx; digits: number }) {
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const step = (W - 2 * PAD) / bars.length;
  return (
    <>
      {bars.map((b, i) => {
        const h = ((H - 2 * PAD) * b.value) / max;
        const x = PAD + i * step + step * 0.15;
        return (
          <g key={b.label}>
            <rect x={x} y={H - PAD - h} width={step * 0.7} height={h} class="chart-bar" />
            <text x={x + step * 0.35} y={H - PAD + 14} text-anchor="middle">
              {b.label}
            </text>
            <text x={x + step * 0.35} y={H - PAD - h - 4} text-anchor="middle">
              {num(ctx, b.value, digits)}
            </text>
          </g>
        );
      })}
    </>
  );
}

interface Point {
  k: number;
  beta: number;
  lo: number;
  hi: number;
}

function Intervals({ points }: { points: Point[] }) {
  const ks = points.map((p) => p.k);
  const lo = Math.min(0, ...points.map((p) => p.lo));
  const hi = Math.max(0, ...points.map((p) => p.hi));
  const x = (k: number) =>
    PAD + ((k - Math.min(...ks)) / Math.max(1, Math.max(...ks) - Math.min(...ks))) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - ((v - lo) / Math.max(1e-9, hi - lo)) * (H - 2 * PAD);
  return (
    <>
      <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} class="chart-axis" />
      {points.map((p) => (
        <g key={p.k}>
          <line x1={x(p.k)} x2={x(p.k)} y1={y(p.lo)} y2={y(p.hi)} class="chart-interval" />
          <circle cx={x(p.k)} cy={y(p.beta)} r={3} class="chart-point" />
        </g>
      ))}
      <text x={x(Math.min(...ks))} y={H - 8}>
        {Math.min(...ks)}
      </text>
      <text x={x(Math.max(...ks))} y={H - 8} text-anchor="end">
        {Math.max(...ks)}
      </text>
    </>
  );
}

interface Series {
  label: string;
  cls: string;
  points: { x: number; y: number }[];
}

/** Clock time of a minute of the day, `18:15`. */
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function Lines({ series }: { series: Series[] }) {
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  const y1 = Math.max(...all.map((p) => p.y), 1e-9);
  const x = (v: number) => PAD + ((v - x0) / Math.max(1, x1 - x0)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - (v / y1) * (H - 2 * PAD);
  return (
    <>
      <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} class="chart-axis" />
      {series.map((s, i) => (
        <g key={s.cls}>
          <polyline points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} class={s.cls} fill="none" />
          <text x={W - PAD} y={14 + i * 14} text-anchor="end" class={s.cls}>
            {s.label}
          </text>
        </g>
      ))}
      <text x={x(x0)} y={H - 8}>
        {clock(x0)}
      </text>
      <text x={x(x1)} y={H - 8} text-anchor="end">
        {clock(x1)}
      </text>
    </>
  );
}

const numberOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function darknessBars(ctx: RenderCtx, a: AnalysisView): Bar[] | null {
  const rows = a.tables.counts;
  if (!rows) return null;
  const bars = rows.flatMap((r) => {
    const v = numberOr(r.minority_share);
    if (v === null) return [];
    return [{ label: r.light_dark === 'dark' ? ctx.t('anDark') : ctx.t('anLight'), value: v }];
  });
  return bars.length > 0 ? bars : null;
}

function minuteSeries(ctx: RenderCtx, a: AnalysisView): Series[] | null {
  const rows = a.tables.by_minute;
  if (!rows) return null;
  const of = (kind: string) =>
    rows.flatMap((r) => {
      const [m, v] = [numberOr(r.minute_from), numberOr(r.minority_share)];
      return r.light_dark === kind && m !== null && v !== null ? [{ x: m, y: v }] : [];
    });
  const series = [
    { label: ctx.t('anLight'), cls: 'chart-light', points: of('light') },
    { label: ctx.t('anDark'), cls: 'chart-dark', points: of('dark') },
  ].filter((s) => s.points.length > 1);
  return series.length > 0 ? series : null;
}

function eventPoints(a: AnalysisView): Point[] | null {
  const rows = a.tables.event_study;
  if (!rows) return null;
  const pts = rows.flatMap((r) => {
    const [k, beta, lo, hi] = [numberOr(r.k), numberOr(r.beta), numberOr(r.ci_lo), numberOr(r.ci_hi)];
    return k === null || beta === null || lo === null || hi === null ? [] : [{ k, beta, lo, hi }];
  });
  return pts.length > 1 ? pts : null;
}

function rateBars(a: AnalysisView): Bar[] | null {
  const rows = a.tables.by_race;
  if (!rows) return null;
  const bars = rows.flatMap((r) => {
    const v = numberOr(r.stop_rate);
    return v === null ? [] : [{ label: String(r.race), value: v }];
  });
  return bars.length > 0 ? bars : null;
}

function Figure({ caption, children }: { caption: string; children: preact.ComponentChildren }) {
  return (
    <figure class="analysis-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={caption} width={W} height={H}>
        {children}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export function AnalysisChart({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  if (a.status !== 'reported') return null;
  const minutes = minuteSeries(ctx, a);
  if (minutes)
    return (
      <Figure caption={`${ctx.t('anChart')}: ${ctx.t('anShare')} (${a.contrast}), ${ctx.t('anByClock')}`}>
        <Lines series={minutes} />
      </Figure>
    );
  const dark = darknessBars(ctx, a);
  if (dark)
    return (
      <Figure caption={`${ctx.t('anChart')}: ${ctx.t('anShare')} (${a.contrast})`}>
        <Bars bars={dark} ctx={ctx} digits={3} />
      </Figure>
    );
  const pts = eventPoints(a);
  if (pts)
    return (
      <Figure caption={`${ctx.t('anChart')}: ${ctx.t('anMonthsFrom')}`}>
        <Intervals points={pts} />
      </Figure>
    );
  const rates = rateBars(a);
  if (rates)
    return (
      <Figure caption={`${ctx.t('anChart')}: ${ctx.t('anRateCaption')}`}>
        <Bars bars={rates} ctx={ctx} digits={3} />
      </Figure>
    );
  return null;
}
