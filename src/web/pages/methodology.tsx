/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Methodology, generated from what the pipeline actually reads: the reviewed files in src/reference (every entry,
 * with its evidence and review date), the rule constants of the history fold, the publications and quarantined
 * lists of the ledger, and the reference data vintages. Nothing here is typed twice, so it cannot drift. The
 * sections (and the words of the rules) are in methodology/.
 */

import { Section } from '../components/section.tsx';
import type { PageResult, RenderCtx } from '../context.ts';
import { QuarantineSection } from './methodology/quarantine.tsx';
import { ReviewedSection } from './methodology/reviewed-files.tsx';
import { rules } from './methodology/rules.ts';
import { SourcesSection } from './methodology/sources-section.tsx';

function RuleList({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

export function methodologyPage(ctx: RenderCtx): PageResult {
  const { t, lang } = ctx;
  const r = rules(lang);
  const main = (
    <>
      <h1>{t('methTitle')}</h1>
      <p class="lede">{t('methIntro')}</p>
      <SourcesSection ctx={ctx} />
      <Section id="identity-title" title={t('methIdentity')}>
        <RuleList items={r.identity} />
      </Section>
      <Section id="history-title" title={t('methHistory')}>
        <RuleList items={r.history} />
      </Section>
      <ReviewedSection ctx={ctx} />
      <QuarantineSection ctx={ctx} />
      <Section id="caveats-title" title={t('methCaveats')}>
        <RuleList items={r.caveats} />
      </Section>
    </>
  );
  return { title: t('methTitle'), main };
}
