/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The agency page's Evidence section: the agency's published (and retracted) records grouped by the ACLU criterion
 * they bear on — a record bearing on two criteria is under both — then those bearing on none, each with its
 * sources. Records kept by county (a sheriff's office absent from ICE's lists) say so.
 */
import { CRITERIA } from '../../../domain/evidence.ts';
import type { PublicRecord } from '../../../read/evidence.ts';
import { atomHref, href, type RenderCtx, rootHref } from '../../context.ts';
import { CRITERION_LABELS, evidenceText } from '../../evidence-text.ts';
import { filePath, pagePaths } from '../../paths.ts';
import { RecordCard } from './record-card.tsx';

export function EvidenceSection(props: {
  ctx: RenderCtx;
  agencyId: string;
  records: readonly PublicRecord[];
}) {
  const { ctx, records } = props;
  const e = evidenceText(ctx.lang);
  const groups = CRITERIA.map((c) => ({
    key: c,
    title: CRITERION_LABELS[ctx.lang][c],
    items: records.filter((r) => r.criteria.includes(c)),
  }));
  groups.push({
    key: 'other' as never,
    title: e('evidenceOther'),
    items: records.filter((r) => r.criteria.length === 0),
  });
  const byCounty = records.some((r) => r.agencyId !== props.agencyId);
  return (
    <section aria-labelledby="evidence-title" class="evidence">
      <h2 id="evidence-title">{e('evidenceTitle')}</h2>
      <p>{e('evidenceIntro')}</p>
      {records.length === 0 ? <p class="note">{e('evidenceNone')}</p> : null}
      {byCounty ? <p class="note">{e('evidenceCountyNote')}</p> : null}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div key={g.key} class="evidence-group">
            <h3>{g.title}</h3>
            {g.items.map((r) => (
              <RecordCard
                key={r.recordId}
                lang={ctx.lang}
                r={r}
                meta={r}
                fileHref={(sha, type) => rootHref(ctx, filePath(sha, type))}
                heading="h4"
                permalink={href(ctx, pagePaths.evidenceRecord(r.recordId))}
              />
            ))}
          </div>
        ))}
      <p>
        <a href={href(ctx, pagePaths.evidence)}>{e('evidencePageTitle')}</a> ·{' '}
        <a href={atomHref(ctx, '/feeds/evidence.atom')}>{e('evidenceFeed')}</a>
      </p>
    </section>
  );
}
