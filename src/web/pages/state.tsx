/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A state or territory: its county map, figures, agencies, every county (with or without an agreement), changes.
 * The sections are in state/.
 */

import { agenciesShown, MODELS, STATUSES } from '../../read/timeline.ts';
import { stateByUsps } from '../../reference/us-states.ts';
import type { PageResult, RenderCtx } from '../context.ts';
import { StateAgencies } from './state/agencies-table.tsx';
import { StateChanges } from './state/changes-section.tsx';
import { StateCounties } from './state/counties-table.tsx';
import { StateFigures } from './state/figures.tsx';
import { StateMapSection } from './state/map-section.tsx';
import { StateList } from './state/state-list.tsx';

export function statePage(ctx: RenderCtx, code: string): PageResult | null {
  const { t, data } = ctx;
  const st = stateByUsps(code);
  if (!st) return null;
  const tl = data.timeline;
  const last = Math.max(0, tl.dates.length - 1);
  const everListed = agenciesShown(tl, last, new Set<string>(MODELS), new Set<string>(STATUSES));
  const stateIdx = new Map(tl.agencies.map((a, i) => [a[0], i]));
  const listed = (id: string) => everListed.get(stateIdx.get(id) ?? -1);
  const agencies = data.agencies
    .filter((a) => a.state === st.usps)
    .sort((a, b) => a.name.localeCompare(b.name));
  const changes = data.changes.filter((c) => c.state === st.usps);
  // The feeds cover states with an agency or an event (src/publish/feeds.ts).
  const hasFeed = agencies.length > 0 || changes.length > 0;
  const main = (
    <>
      <h1>{t('stateTitle', { state: st.name })}</h1>
      {agencies.length === 0 ? <p class="lede">{t('stateNone', { state: st.name })}</p> : null}
      <StateFigures ctx={ctx} st={st} last={last} />
      <StateMapSection ctx={ctx} st={st} />
      <StateAgencies ctx={ctx} state={st.usps} agencies={agencies} listed={listed} />
      <StateCounties ctx={ctx} st={st} listed={listed} />
      <StateChanges ctx={ctx} st={st} changes={changes} hasFeed={hasFeed} />
      <StateList ctx={ctx} />
    </>
  );
  return {
    title: t('stateTitle', { state: st.name }),
    main,
    ...(hasFeed ? { feed: { href: `/feeds/state/${st.usps}.atom`, title: `${st.name} (Atom)` } } : {}),
  };
}
