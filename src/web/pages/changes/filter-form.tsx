/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The changes page's filter form (from, to, state, kind), submitted as query parameters. */
import { stateByUsps } from '../../../reference/us-states.ts';
import type { RenderCtx } from '../../context.ts';
import { EVENT_LABEL } from '../../i18n.ts';
import type { ChangeFilter } from '../changes.tsx';

export function FilterForm(props: { ctx: RenderCtx; f: ChangeFilter; states: string[]; action: string }) {
  const { ctx, f, action } = props;
  const { t, lang } = ctx;
  return (
    <form class="filters" method="get" action={action} id="changes-filter">
      <div>
        <label for="f-from">{t('filterFrom')}</label>
        <input type="date" id="f-from" name="from" value={f.from} />
      </div>
      <div>
        <label for="f-to">{t('filterTo')}</label>
        <input type="date" id="f-to" name="to" value={f.to} />
      </div>
      <div>
        <label for="f-state">{t('filterState')}</label>
        <select id="f-state" name="state">
          <option value="">{t('filterAny')}</option>
          {props.states.map((s) => (
            <option key={s} value={s} selected={f.state === s}>
              {stateByUsps(s)?.name ?? s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-kind">{t('filterKind')}</label>
        <select id="f-kind" name="kind">
          <option value="">{t('filterAny')}</option>
          {Object.entries(EVENT_LABEL[lang]).map(([k, v]) => (
            <option key={k} value={k} selected={f.kind === k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-buttons">
        <button type="submit" class="button">
          {t('filterApply')}
        </button>
        <a href={action}>{t('filterReset')}</a>
      </div>
    </form>
  );
}
