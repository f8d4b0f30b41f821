/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The changes page's filter form (from, to, state, model, kind), submitted as query parameters. */
import { stateByUsps } from '../../../reference/us-states.ts';
import { CHANGE_KINDS, CHANGE_MODELS, type ChangeFilter } from '../../change-filter.ts';
import type { RenderCtx } from '../../context.ts';
import { EVENT_LABEL, label, MODEL_LABEL } from '../../i18n.ts';

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
        <label for="f-model">{t('filterModel')}</label>
        <select id="f-model" name="model">
          <option value="">{t('filterAny')}</option>
          {CHANGE_MODELS.map((m) => (
            <option key={m} value={m} selected={f.model === m}>
              {`${m} — ${label(MODEL_LABEL, lang, m)}`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-kind">{t('filterKind')}</label>
        <select id="f-kind" name="kind">
          <option value="">{t('filterAny')}</option>
          {CHANGE_KINDS.map((k) => (
            <option key={k} value={k} selected={f.kind === k}>
              {label(EVENT_LABEL, lang, k)}
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
