/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Pieces several pages share: badges, the legend, the growth chart, a state's county map, change rows. */
import type { ComponentChildren } from 'preact';
import type { ChangeRow, GrowthPoint } from '../read/site-data.ts';
import { type CountyShade, MODELS, type Model } from '../read/timeline.ts';
import { href, type RenderCtx } from './context.ts';
import { decodeArcs, nationalGeometry, pathOf } from './geometry.ts';
import {
  EVENT_LABEL,
  formatDate,
  formatMonth,
  formatNumber,
  label,
  MODEL_LABEL,
  STATUS_LABEL,
} from './i18n.ts';
import { pagePaths } from './paths.ts';

export const MODEL_COLOR: Record<string, string> = {
  JEM: '#0a5fa8',
  WSO: '#b5420b',
  TFM: '#00795a',
  several: '#6a3d9a',
};
export const REMOVED_COLOR = '#8c8c8c';
export const EMPTY_COLOR = '#e6e6e6';

export function shadeClass(s: CountyShade | undefined): string {
  if (!s) return '';
  const m = s.models.length > 1 ? 'several' : (s.models[0] ?? 'several');
  return `s-${s.status} m-${m}`;
}

export function ModelBadge({ ctx, model }: { ctx: RenderCtx; model: string }) {
  return (
    <abbr class={`badge m-${model}`} title={label(MODEL_LABEL, ctx.lang, model)}>
      {model}
    </abbr>
  );
}

export function StatusBadge({ ctx, status }: { ctx: RenderCtx; status: string }) {
  return <span class={`status st-${status}`}>{label(STATUS_LABEL, ctx.lang, status)}</span>;
}

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The stripe patterns of pending agreements, defined once per page (layout) for every map and legend. */
export function MapDefs() {
  return (
    <defs>
      {[...MODELS, 'several'].map((m) => (
        <pattern
          key={m}
          id={`pend-${m}`}
          patternUnits="userSpaceOnUse"
          width="6"
          height="6"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#ffffff" />
          <rect width="3" height="6" fill={MODEL_COLOR[m]} />
        </pattern>
      ))}
    </defs>
  );
}

export function Legend({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  const item = (cls: string, text: string) => (
    <li key={cls}>
      <svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <rect class={cls} width="16" height="16" />
      </svg>
      {text}
    </li>
  );
  return (
    <div class="legend">
      <h3 class="legend-title">{t('legend')}</h3>
      <ul>
        {MODELS.map((m) => item(`s-active m-${m}`, `${m}: ${label(MODEL_LABEL, ctx.lang, m)}`))}
        {item('s-active m-several', t('several'))}
        {item('s-pending m-several', label(STATUS_LABEL, ctx.lang, 'pending'))}
        {item('s-removed', label(STATUS_LABEL, ctx.lang, 'removed'))}
      </ul>
    </div>
  );
}

/** Stacked areas of active agreements by model on each participating list. */
export function GrowthChart({ ctx, growth }: { ctx: RenderCtx; growth: GrowthPoint[] }) {
  const { t, lang } = ctx;
  if (growth.length === 0) return null;
  const W = 640;
  const H = 260;
  const L = 48;
  const R = 12;
  const T = 12;
  const B = 28;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const x0 = day((growth[0] as GrowthPoint).date);
  const x1 = Math.max(day((growth[growth.length - 1] as GrowthPoint).date), x0 + 1);
  const max = Math.max(1, ...growth.map((g) => g.JEM + g.WSO + g.TFM));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const X = (d: string) => L + ((day(d) - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v: number) => T + (1 - v / top) * (H - T - B);
  const order: Model[] = ['JEM', 'WSO', 'TFM'];
  const areas = order.map((m, k) => {
    const below = (g: GrowthPoint) => order.slice(0, k).reduce((s, o) => s + g[o], 0);
    const upper = growth.map((g) => `${X(g.date).toFixed(1)},${Y(below(g) + g[m]).toFixed(1)}`);
    const lower = [...growth].reverse().map((g) => `${X(g.date).toFixed(1)},${Y(below(g)).toFixed(1)}`);
    return { m, d: `M${upper.join('L')}L${lower.join('L')}Z` };
  });
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const months = monthly(growth);
  const xTicks = months.filter((_, i) => i % Math.max(1, Math.ceil(months.length / 6)) === 0);
  const last = growth[growth.length - 1] as GrowthPoint;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="growth-svg-title"
        aria-describedby="growth-svg-desc"
        focusable="false"
      >
        <title id="growth-svg-title">{t('growthTitle')}</title>
        <desc id="growth-svg-desc">
          {`${t('growthDesc')} ${formatDate(lang, last.date)}: ${order.map((m) => `${m} ${formatNumber(lang, last[m])}`).join(', ')}.`}
        </desc>
        {ticks.map((v) => (
          <g key={v}>
            <line class="grid" x1={L} x2={W - R} y1={Y(v)} y2={Y(v)} />
            <text class="axis" x={L - 6} y={Y(v) + 4} text-anchor="end">
              {formatNumber(lang, v)}
            </text>
          </g>
        ))}
        {areas.map((a) => (
          <path key={a.m} d={a.d} class={`area m-${a.m}`} />
        ))}
        {xTicks.map((g) => (
          <text key={g.date} class="axis" x={X(g.date)} y={H - 8} text-anchor="middle">
            {formatMonth(lang, g.date)}
          </text>
        ))}
      </svg>
      <figcaption>
        <ul class="chart-key">
          {order.map((m) => (
            <li key={m}>
              <span class={`key m-${m}`} aria-hidden="true" />
              {`${m} — ${label(MODEL_LABEL, lang, m)}`}
            </li>
          ))}
        </ul>
        <details>
          <summary>{t('growthTable')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colMonth')}</th>
                {order.map((m) => (
                  <th key={m} scope="col">
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((g) => (
                <tr key={g.date}>
                  <th scope="row">{formatDate(lang, g.date)}</th>
                  {order.map((m) => (
                    <td key={m} class="num">
                      {formatNumber(lang, g[m])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}

function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

/** The first list of each month (and the last list). */
function monthly(growth: GrowthPoint[]): GrowthPoint[] {
  const out: GrowthPoint[] = [];
  let month = '';
  for (const g of growth) {
    if (g.date.slice(0, 7) !== month) {
      out.push(g);
      month = g.date.slice(0, 7);
    }
  }
  const last = growth[growth.length - 1];
  if (last && out[out.length - 1] !== last) out.push(last);
  return out;
}

export function ChangeKind({ ctx, kind, list }: { ctx: RenderCtx; kind: string; list: string }) {
  return (
    <span class={`kind k-${kind}`}>
      {label(EVENT_LABEL, ctx.lang, kind)}
      {list === 'pending' && kind !== 'pending-to-signed' ? ` (${ctx.t('pendingList')})` : ''}
    </span>
  );
}

/** A change's details in words (from → to for renames, moves and signed dates). */
export function changeDetail(c: { kind: string; details: Record<string, unknown> }): string {
  const d = c.details;
  const s = (v: unknown) =>
    typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
  switch (c.kind) {
    case 'renamed':
    case 'signed-date-changed':
      return d.from !== undefined || d.to !== undefined ? `${s(d.from)} → ${s(d.to)}` : '';
    case 'moved':
      return Object.entries(d)
        .filter(([, v]) => typeof v === 'string' && v.includes('>'))
        .map(([k, v]) => `${k}: ${(v as string).replace('>', ' → ')}`)
        .join('; ');
    default:
      return '';
  }
}

export function ChangesTable({
  ctx,
  changes,
  caption,
  filterable = false,
}: {
  ctx: RenderCtx;
  changes: ChangeRow[];
  caption?: string;
  filterable?: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <div class="table-wrap">
      <table class="changes" id={filterable ? 'changes-table' : undefined}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t('colDate')}</th>
            <th scope="col">{t('colEvent')}</th>
            <th scope="col">{t('colAgency')}</th>
            <th scope="col">{t('colState')}</th>
            <th scope="col">{t('colModels')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const id = ctx.data.merged.get(c.agencyId) ?? c.agencyId;
            const detail = changeDetail(c);
            return (
              <tr key={c.eventId} data-date={c.date} data-state={c.state ?? ''} data-kind={c.kind}>
                <td>
                  <time datetime={c.date}>{formatDate(lang, c.date)}</time>
                </td>
                <td>
                  <ChangeKind ctx={ctx} kind={c.kind} list={c.list} />
                  {detail ? <span class="detail">{detail}</span> : null}
                </td>
                <td>
                  <a href={href(ctx, pagePaths.agency(id))}>{c.name ?? id}</a>
                </td>
                <td>{c.state ?? ''}</td>
                <td>{c.model ? <ModelBadge ctx={ctx} model={c.model} /> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface MapPoint {
  id: string;
  name: string;
  x: number;
  y: number;
  shade: CountyShade;
}

/** A state's counties drawn on the server from the national geometry (no script needed). */
export function StateMap({
  ctx,
  stateFips,
  shades,
  points,
  title,
  desc,
}: {
  ctx: RenderCtx;
  stateFips: string;
  shades: Map<string, CountyShade>;
  points: MapPoint[];
  title: string;
  desc: string;
}) {
  const geo = nationalGeometry();
  const pts = decodeArcs(geo.arcs);
  const counties = geo.c.filter((c) => c[0].startsWith(stateFips));
  if (counties.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const c of counties)
    for (const poly of c[2])
      for (const ring of poly)
        for (const a of ring)
          for (const [x, y] of pts[a < 0 ? ~a : a] ?? []) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
  const pad = Math.max(4, (x1 - x0) * 0.02);
  const stroke = Math.max(x1 - x0, y1 - y0) / 600;
  const names = new Map(counties.map((c) => [c[0], c[1]]));
  return (
    <figure class="state-map">
      <svg
        viewBox={`${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`}
        role="img"
        aria-labelledby="state-map-title"
        aria-describedby="state-map-desc"
        focusable="false"
      >
        <title id="state-map-title">{title}</title>
        <desc id="state-map-desc">{desc}</desc>
        <g class="counties" stroke-width={stroke.toFixed(2)}>
          {counties.map((c) => {
            const s = shades.get(c[0]);
            return (
              <path key={c[0]} d={pathOf(c[2], pts)} class={`county ${shadeClass(s)}`} data-fips={c[0]}>
                <title>{`${names.get(c[0]) ?? c[0]}${s ? ` — ${label(STATUS_LABEL, ctx.lang, s.status)} (${s.models.join(', ')})` : ''}`}</title>
              </path>
            );
          })}
        </g>
        <g class="points">
          {points.map((p) => (
            <circle
              key={p.id}
              cx={p.x}
              cy={p.y}
              r={(stroke * 5).toFixed(1)}
              stroke-width={(stroke * 1.2).toFixed(2)}
              class={`point ${shadeClass(p.shade)}`}
            >
              <title>{p.name}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption>{desc}</figcaption>
    </figure>
  );
}

export function num(ctx: RenderCtx, n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatNumber(ctx.lang, n);
}
