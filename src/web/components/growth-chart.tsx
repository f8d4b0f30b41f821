/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Stacked areas of active agreements by model on each participating list, with its key and a table of months. */
import type { GrowthPoint } from '../../read/site-data.ts';
import type { RenderCtx } from '../context.ts';
import { formatDate, formatMonth, formatNumber, label, MODEL_LABEL } from '../i18n.ts';
import { GROWTH_FRAME, GROWTH_ORDER, type GrowthScale, growthScale } from './growth-scale.ts';
import { TableHead } from './table-head.tsx';

export function GrowthChart({ ctx, growth }: { ctx: RenderCtx; growth: GrowthPoint[] }) {
  if (growth.length === 0) return null;
  const scale = growthScale(growth);
  return (
    <figure class="chart">
      <GrowthSvg ctx={ctx} scale={scale} />
      <figcaption>
        <ul class="chart-key">
          {GROWTH_ORDER.map((m) => (
            <li key={m}>
              <span class={`key m-${m}`} aria-hidden="true" />
              {`${m} — ${label(MODEL_LABEL, ctx.lang, m)}`}
            </li>
          ))}
        </ul>
        <GrowthTable ctx={ctx} months={scale.months} />
      </figcaption>
    </figure>
  );
}

function GrowthSvg({ ctx, scale }: { ctx: RenderCtx; scale: GrowthScale }) {
  const { t, lang } = ctx;
  const { W, H, L, R } = GROWTH_FRAME;
  const { X, Y, last } = scale;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="growth-svg-title"
      aria-describedby="growth-svg-desc"
      focusable="false"
    >
      <title id="growth-svg-title">{t('growthTitle')}</title>
      <desc id="growth-svg-desc">
        {`${t('growthDesc')} ${formatDate(lang, last.date)}: ${GROWTH_ORDER.map((m) => `${m} ${formatNumber(lang, last[m])}`).join(', ')}.`}
      </desc>
      {scale.ticks.map((v) => (
        <g key={v}>
          <line class="grid" x1={L} x2={W - R} y1={Y(v)} y2={Y(v)} />
          <text class="axis" x={L - 6} y={Y(v) + 4} text-anchor="end">
            {formatNumber(lang, v)}
          </text>
        </g>
      ))}
      {scale.areas.map((a) => (
        <path key={a.m} d={a.d} class={`area m-${a.m}`} />
      ))}
      {scale.xTicks.map((g) => (
        <text key={g.date} class="axis" x={X(g.date)} y={H - 8} text-anchor="middle">
          {formatMonth(lang, g.date)}
        </text>
      ))}
    </svg>
  );
}

/** The chart's numbers for readers who cannot see it: one row per month. */
function GrowthTable({ ctx, months }: { ctx: RenderCtx; months: GrowthPoint[] }) {
  const { t, lang } = ctx;
  return (
    <details>
      <summary>{t('growthTable')}</summary>
      <table>
        <TableHead columns={[t('colMonth'), ...GROWTH_ORDER]} />
        <tbody>
          {months.map((g) => (
            <tr key={g.date}>
              <th scope="row">{formatDate(lang, g.date)}</th>
              {GROWTH_ORDER.map((m) => (
                <td key={m} class="num">
                  {formatNumber(lang, g[m])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
