/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Additions and removals by month, drawn on the server as SVG: one bar a month above the line for agencies added,
 * one below it for agencies removed (every month from the first change to the last, empty ones included), with a
 * key and, for readers who cannot see it, the same numbers as a table. It follows the page's filters on the server;
 * in the static export it covers every change (the page says so).
 */

import { TableHead } from '../../components/table-head.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatMonth, formatMonthLong, formatNumber } from '../../i18n.ts';

export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  added: number;
  removed: number;
}

/** Additions and removals counted by month, oldest first, every month between the first and the last change. */
export function countByMonth(changes: readonly { date: string; kind: string }[]): MonthCount[] {
  const by = new Map<string, MonthCount>();
  let first = '';
  let last = '';
  for (const c of changes) {
    const m = c.date.slice(0, 7);
    if (!first || m < first) first = m;
    if (!last || m > last) last = m;
    if (c.kind !== 'added' && c.kind !== 'removed') continue;
    const n = by.get(m) ?? { month: m, added: 0, removed: 0 };
    n[c.kind]++;
    by.set(m, n);
  }
  const out: MonthCount[] = [];
  if (!first) return out;
  let [y, mo] = first.split('-').map(Number) as [number, number];
  for (let m = first; m <= last; ) {
    out.push(by.get(m) ?? { month: m, added: 0, removed: 0 });
    mo++;
    if (mo > 12) {
      mo = 1;
      y++;
    }
    m = `${y}-${String(mo).padStart(2, '0')}`;
  }
  return out;
}

export const CHART_FRAME = { W: 720, H: 220, L: 44, R: 8, T: 10, B: 26 };

/** Bar geometry: the zero line, and for each month its x, width and the two bars' y and height. */
export function chartScale(months: readonly MonthCount[]) {
  const { W, H, L, R, T, B } = CHART_FRAME;
  const maxA = Math.max(0, ...months.map((m) => m.added));
  const maxR = Math.max(0, ...months.map((m) => m.removed));
  const unit = (H - T - B) / Math.max(1, maxA + maxR);
  const zero = T + maxA * unit;
  const step = (W - L - R) / Math.max(1, months.length);
  // A bar is four fifths of its month's width, at most 36 units (a few months must not look like a wall).
  const w = Math.max(1, Math.min(36, step * 0.8));
  const bars = months.map((m, i) => ({
    ...m,
    x: L + i * step + (step - w) / 2,
    w,
    addedY: zero - m.added * unit,
    addedH: m.added * unit,
    removedH: m.removed * unit,
  }));
  return { maxA, maxR, zero, step, bars, top: T, bottom: H - B };
}

export function ChangesChart({ ctx, months }: { ctx: RenderCtx; months: MonthCount[] }) {
  const { t } = ctx;
  if (months.length === 0) return null;
  return (
    <figure class="chart changes-chart" id="changes-chart">
      <ChartSvg ctx={ctx} months={months} />
      <figcaption>
        <ul class="chart-key">
          <li>
            <span class="key k-added" aria-hidden="true" />
            {t('changesChartAdded')}
          </li>
          <li>
            <span class="key k-removed" aria-hidden="true" />
            {t('changesChartRemoved')}
          </li>
        </ul>
        {ctx.mode === 'static' ? <p>{t('changesStaticNote')}</p> : null}
        <ChartTable ctx={ctx} months={months} />
      </figcaption>
    </figure>
  );
}

function ChartSvg({ ctx, months }: { ctx: RenderCtx; months: MonthCount[] }) {
  const { t, lang } = ctx;
  const { W, H, L, R } = CHART_FRAME;
  const s = chartScale(months);
  const sum = (k: 'added' | 'removed') => months.reduce((a, m) => a + m[k], 0);
  const desc = t('changesChartDesc', {
    added: sum('added'),
    removed: sum('removed'),
    first: formatMonthLong(lang, `${months[0]?.month}-01`),
    last: formatMonthLong(lang, `${months[months.length - 1]?.month}-01`),
  });
  // Each January is labelled with its year; the first month too, unless a January follows it closely.
  const years = s.bars.filter(
    (b, i) =>
      b.month.endsWith('-01') || (i === 0 && !s.bars.slice(1, 7).some((x) => x.month.endsWith('-01'))),
  );
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="changes-svg-title"
      aria-describedby="changes-svg-desc"
    >
      <title id="changes-svg-title">{t('changesChartTitle')}</title>
      <desc id="changes-svg-desc">{desc}</desc>
      <text class="axis" x={L - 6} y={s.top + 8} text-anchor="end">
        {`+${formatNumber(lang, s.maxA)}`}
      </text>
      <text class="axis" x={L - 6} y={s.bottom} text-anchor="end">
        {`−${formatNumber(lang, s.maxR)}`}
      </text>
      {s.bars.map((b) => (
        <g key={b.month} data-month={b.month}>
          {b.added > 0 ? <rect class="bar-added" x={b.x} y={b.addedY} width={b.w} height={b.addedH} /> : null}
          {b.removed > 0 ? (
            <rect class="bar-removed" x={b.x} y={s.zero} width={b.w} height={b.removedH} />
          ) : null}
        </g>
      ))}
      <line class="grid" x1={L} x2={W - R} y1={s.zero} y2={s.zero} />
      {years.map((b) => (
        <text key={b.month} class="axis" x={b.x} y={H - 8}>
          {b.month.endsWith('-01') ? b.month.slice(0, 4) : formatMonth(lang, `${b.month}-01`)}
        </text>
      ))}
    </svg>
  );
}

/** The chart's numbers, one row per month with a change. */
function ChartTable({ ctx, months }: { ctx: RenderCtx; months: MonthCount[] }) {
  const { t, lang } = ctx;
  const rows = months.filter((m) => m.added > 0 || m.removed > 0);
  return (
    <details>
      <summary>{t('changesChartTable')}</summary>
      <table>
        <TableHead columns={[t('changesColMonth'), t('changesChartAdded'), t('changesChartRemoved')]} />
        <tbody>
          {rows.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonthLong(lang, `${m.month}-01`)}</th>
              <td class="num">{formatNumber(lang, m.added)}</td>
              <td class="num">{formatNumber(lang, m.removed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
