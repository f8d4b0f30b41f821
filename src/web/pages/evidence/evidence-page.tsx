/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The national evidence page (`/evidence/`): every published record, newest first, filterable by kind, criterion,
 * state and date through query parameters (the server filters; in the static export the page holds every record
 * and the `evidence` island filters from the same parameters). And one record's own page (`/evidence/<id>/`).
 */
import { CRITERIA, type Criterion, EVIDENCE_KINDS, type EvidenceKind } from '../../../domain/evidence.ts';
import type { EvidenceFilter, EvidenceIndex, PublicRecord } from '../../../read/evidence.ts';
import { stateByUsps } from '../../../reference/us-states.ts';
import { atomHref, href, type PageResult, type RenderCtx, rootHref } from '../../context.ts';
import { CRITERION_LABELS, evidenceText, KIND_LABELS } from '../../evidence-text.ts';
import { formatNumber } from '../../i18n.ts';
import { filePath, pagePaths } from '../../paths.ts';
import { RecordCard } from './record-card.tsx';

const isDay = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** The filter of a query (unknown values ignored). */
export function evidenceFilter(q: URLSearchParams): EvidenceFilter {
  const kind = q.get('kind') ?? '';
  const criterion = q.get('criterion') ?? '';
  const state = (q.get('state') ?? '').toUpperCase();
  return {
    kind: (EVIDENCE_KINDS as readonly string[]).includes(kind) ? (kind as EvidenceKind) : undefined,
    criterion: (CRITERIA as readonly string[]).includes(criterion) ? (criterion as Criterion) : undefined,
    state: /^[A-Z]{2}$/.test(state) ? state : undefined,
    from: isDay(q.get('from')),
    to: isDay(q.get('to')),
  };
}

function agencyHref(ctx: RenderCtx, r: PublicRecord): string | null {
  return r.agencyId && ctx.data.agencyById.has(r.agencyId) ? href(ctx, pagePaths.agency(r.agencyId)) : null;
}

function Filters(props: { ctx: RenderCtx; f: EvidenceFilter; states: string[] }) {
  const { ctx, f } = props;
  const e = evidenceText(ctx.lang);
  const action = href(ctx, pagePaths.evidence);
  return (
    <form class="filters" method="get" action={action} id="evidence-filter" aria-label={e('evidenceFilters')}>
      <div>
        <label for="e-kind">{e('evidenceKindLabel')}</label>
        <select id="e-kind" name="kind">
          <option value="">{e('evidenceAll')}</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k} selected={f.kind === k}>
              {KIND_LABELS[ctx.lang][k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="e-criterion">{e('evidenceCriterion')}</label>
        <select id="e-criterion" name="criterion">
          <option value="">{e('evidenceAll')}</option>
          {CRITERIA.map((c) => (
            <option key={c} value={c} selected={f.criterion === c}>
              {CRITERION_LABELS[ctx.lang][c]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="e-state">{e('evidenceState')}</label>
        <select id="e-state" name="state">
          <option value="">{e('evidenceAll')}</option>
          {props.states.map((s) => (
            <option key={s} value={s} selected={f.state === s}>
              {stateByUsps(s)?.name ?? s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="e-from">{e('evidenceFrom')}</label>
        <input type="date" id="e-from" name="from" value={f.from ?? ''} />
      </div>
      <div>
        <label for="e-to">{e('evidenceTo')}</label>
        <input type="date" id="e-to" name="to" value={f.to ?? ''} />
      </div>
      <div class="filter-buttons">
        <button type="submit" class="button">
          {e('evidenceApply')}
        </button>
      </div>
    </form>
  );
}

export function evidencePage(ctx: RenderCtx, index: EvidenceIndex): PageResult {
  const e = evidenceText(ctx.lang);
  const f = ctx.mode === 'static' ? {} : evidenceFilter(ctx.query);
  const shown = index.filter(f);
  const states = [...new Set(index.all.map((r) => r.state))].sort();
  return {
    title: e('evidencePageTitle'),
    island: 'evidence',
    feed: { href: '/feeds/evidence.atom', title: e('evidenceFeed') },
    main: (
      <>
        <h1>{e('evidencePageTitle')}</h1>
        <p class="lede">{e('evidencePageIntro')}</p>
        <p class="note">{e('evidenceMethod')}</p>
        <Filters ctx={ctx} f={f} states={states} />
        <p id="evidence-count" data-template={e('evidenceCount', { n: '{n}' })} aria-live="polite">
          {e('evidenceCount', { n: formatNumber(ctx.lang, shown.length) })}
        </p>
        <p id="evidence-none" class="note" hidden={shown.length > 0}>
          {e('evidenceEmpty')}
        </p>
        <div id="evidence-list">
          {shown.map((r) => (
            <RecordCard
              key={r.recordId}
              lang={ctx.lang}
              r={r}
              meta={r}
              fileHref={(sha, type) => rootHref(ctx, filePath(sha, type))}
              heading="h2"
              showAgency
              agencyHref={agencyHref(ctx, r)}
              permalink={href(ctx, pagePaths.evidenceRecord(r.recordId))}
            />
          ))}
        </div>
        <p>
          <a href={atomHref(ctx, '/feeds/evidence.atom')}>{e('evidenceFeed')}</a>
        </p>
      </>
    ),
  };
}

/** One record's page, or null when no published record has this ID. */
export function evidenceRecordPage(ctx: RenderCtx, index: EvidenceIndex, id: string): PageResult | null {
  const r = index.byId.get(id);
  if (!r) return null;
  const e = evidenceText(ctx.lang);
  return {
    title: r.title,
    description: r.summary.slice(0, 200),
    feed: { href: '/feeds/evidence.atom', title: e('evidenceFeed') },
    main: (
      <>
        <p class="crumbs">
          <a href={href(ctx, pagePaths.evidence)}>{e('evidenceTitle')}</a>
        </p>
        <RecordCard
          lang={ctx.lang}
          r={r}
          meta={r}
          heading="h1"
          showAgency
          agencyHref={agencyHref(ctx, r)}
          fileHref={(sha, type) => rootHref(ctx, filePath(sha, type))}
        />
        <p class="note">
          {e('evidenceLink')}: <code>{r.recordId}</code> · v{r.version}
        </p>
      </>
    ),
  };
}

const RECORD_PATH = /^\/evidence\/([^/]+)\/$/;

/** The evidence page of a language-free path: the national page, a record's page, a not-found page's message, or
 * undefined for a path that is not the evidence pages'. */
export function evidenceRoute(
  ctx: RenderCtx,
  index: EvidenceIndex,
  path: string,
): { page: PageResult | null; missing: string } | undefined {
  if (path === pagePaths.evidence) return { page: evidencePage(ctx, index), missing: '' };
  const m = RECORD_PATH.exec(path);
  if (!m) return undefined;
  const id = decodeURIComponent(m[1] as string);
  return {
    page: evidenceRecordPage(ctx, index, id),
    missing: evidenceText(ctx.lang)('evidenceNotFound', { id }),
  };
}
