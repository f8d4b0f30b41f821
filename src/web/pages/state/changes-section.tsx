/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's latest changes (twenty), a link to all of them and, when the state has one, its Atom feed. */
import type { ChangeRow } from '../../../read/site-data.ts';
import type { StateInfo } from '../../../reference/us-states.ts';
import { ChangesTable } from '../../components/changes-table.tsx';
import { Section } from '../../components/section.tsx';
import { atomHref, href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';

export function StateChanges(props: {
  ctx: RenderCtx;
  st: StateInfo;
  changes: ChangeRow[];
  hasFeed: boolean;
}) {
  const { ctx, st, changes } = props;
  const { t } = ctx;
  return (
    <Section id="changes-title" title={t('stateChanges', { state: st.name })}>
      {changes.length > 0 ? (
        <ChangesTable ctx={ctx} changes={changes.slice(0, 20)} />
      ) : (
        <p>{t('changesNone')}</p>
      )}
      <p>
        <a href={`${href(ctx, pagePaths.changes)}?state=${st.usps}`}>{t('allChanges')}</a>
        {props.hasFeed ? (
          <>
            {' · '}
            <a href={atomHref(ctx, `/feeds/state/${st.usps}.atom`)}>Atom</a>
          </>
        ) : null}
      </p>
    </Section>
  );
}
