/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The home page's headline numbers on the latest list (the home island updates them for the chosen date), each
 * with its definition and source on hover and focus, and the same definitions in words below them.
 */
import { figuresOn } from '../../../read/timeline.ts';
import { num } from '../../components/format.ts';
import { Stat } from '../../components/stat.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import { populationSource } from '../../population-words.ts';

export function Headline({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t, lang, data } = ctx;
  const tl = data.timeline;
  const f = figuresOn(tl, last);
  const hasPop = Object.keys(tl.pop).length > 0;
  const ice = t('defSourceIce');
  const pop = populationSource(t, ctx.model.acsVintage);
  const defs: [string, string, string, string][] = [
    ['active', t('statActive'), num(ctx, f.active), `${t('defActive')} ${ice}`],
    ['agencies', t('statAgencies'), num(ctx, f.agencies), `${t('defAgencies')} ${ice}`],
    ['states', t('statStates'), num(ctx, f.states), `${t('defStates')} ${ice}`],
    ['pending', t('statPending'), num(ctx, f.pending), `${t('defPending')} ${ice}`],
    ['residents', t('statResidents'), hasPop ? num(ctx, f.residents) : '—', `${t('defResidents')} ${pop}`],
    ['hispanic', t('statHispanic'), hasPop ? num(ctx, f.hispanic) : '—', `${t('defHispanic')} ${pop}`],
  ];
  return (
    <section aria-labelledby="headline-title" class="headline">
      <h2 id="headline-title" class="visually-hidden">
        {t('headline')}
      </h2>
      <dl class="stats">
        {defs.map(([name, term, value, def]) => (
          <Stat key={name} name={name} value={value} term={term} def={def} />
        ))}
      </dl>
      <p class="asof" data-stat="asof">
        {f.date ? t('statAsOf', { date: formatDate(lang, f.date) }) : ''}
      </p>
      {hasPop ? null : <p class="note">{t('statNoPopulation')}</p>}
      <Reconciled ctx={ctx} />
      <details class="definitions">
        <summary>{t('statDefinitions')}</summary>
        <dl>
          {defs.map(([name, term, , def]) => (
            <div key={name}>
              <dt>{term}</dt>
              <dd>{def}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

/** How the active count meets ICE's row count on the latest list (issue 14): duplicates, rows without agreement, grace. */
function Reconciled({ ctx }: { ctx: RenderCtx }) {
  const r = ctx.model.view.reconciliation;
  if (!r || r.listDate === null) return null;
  return (
    <p class="note" data-stat="reconciled">
      {ctx.t('statReconciled', {
        active: r.active,
        onList: r.onList,
        date: formatDate(ctx.lang, r.listDate),
        rows: r.rows,
        duplicates: r.duplicateRows,
        blank: r.rowsWithoutAgreement,
        grace: r.inGrace,
      })}
    </p>
  );
}
