/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One evidence record as the public reads it (and as editors preview it): title, date, kind and status, the
 * summary in plain words, the criteria and checklist items it bears on, every source with its publisher, date and
 * the passage relied on, who wrote and who reviewed it, and, for a retracted record, when and why. Every text is
 * plain text escaped by Preact; links go only to http(s) addresses (checked when the record was saved).
 */
import type { ArchivedCopy, EvidenceContent, EvidenceSource } from '../../../domain/evidence.ts';
import {
  CHECKLIST_LABELS,
  CRITERION_LABELS,
  evidenceText,
  KIND_LABELS,
  STATUS_LABELS,
} from '../../evidence-text.ts';
import { formatDate, type Lang } from '../../i18n.ts';

export interface CardMeta {
  editor: { name: string; at: string };
  reviewer: { name: string; at: string } | null;
  retracted: { at: string; reason: string } | null;
}

/** A source as a card shows it: with its archived copies when the public side knows them. */
type CardSource = EvidenceSource & { archives?: readonly ArchivedCopy[] };

export interface CardProps {
  lang: Lang;
  r: Omit<EvidenceContent, 'sources'> & { recordId?: string; sources: readonly CardSource[] };
  /** Where a stored file is served (`/files/{sha256}.{ext}`, under the site's base); no links without it. */
  fileHref?: ((sha256: string, mediaType: string) => string) | undefined;
  meta?: CardMeta | undefined;
  /** The record's permanent page. */
  permalink?: string | undefined;
  /** The agency's page, when the card shows which agency it is about. */
  agencyHref?: string | null | undefined;
  showAgency?: boolean;
  heading?: 'h1' | 'h2' | 'h3' | 'h4';
}

/** The links to a source's archived copies (each the file the raw store keeps), else the sha256 the record names. */
function Archives({ lang, s, fileHref }: { lang: Lang; s: CardSource; fileHref: CardProps['fileHref'] }) {
  const e = evidenceText(lang);
  const copies = fileHref ? (s.archives ?? []) : [];
  if (copies.length === 0)
    return s.archivedSha256 ? (
      <>{` · ${e('evidenceArchived', { sha: s.archivedSha256.slice(0, 12) })}`}</>
    ) : null;
  return (
    <>
      {copies.map((c) => (
        <span key={c.sha256} class="evidence-archive">
          {' · '}
          <a href={fileHref?.(c.sha256, c.mediaType)} title={`sha256 ${c.sha256}`}>
            {e('evidenceArchivedCopy', { date: formatDate(lang, c.retrievedAt.slice(0, 10)) })}
          </a>
        </span>
      ))}
    </>
  );
}

function Sources({ lang, r, fileHref }: Pick<CardProps, 'lang' | 'r' | 'fileHref'>) {
  const e = evidenceText(lang);
  return (
    <details class="evidence-sources" open>
      <summary>
        {e('evidenceSources')} ({r.sources.length})
      </summary>
      <ol>
        {r.sources.map((s, i) => (
          <li key={i}>
            <a href={s.url} rel="noopener noreferrer nofollow">
              {s.publisher || s.url}
            </a>{' '}
            <span class="note">
              · {s.date ? e('evidenceSourceDate', { date: formatDate(lang, s.date) }) : e('evidenceNoDate')}
              <Archives lang={lang} s={s} fileHref={fileHref} />
            </span>
            {s.quote ? <blockquote class="evidence-quote">{s.quote}</blockquote> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function RecordCard(p: CardProps) {
  const { lang, r, meta } = p;
  const e = evidenceText(lang);
  const H = p.heading ?? 'h3';
  const day = (iso: string) => formatDate(lang, iso.slice(0, 10));
  return (
    <article
      class={`evidence-card${meta?.retracted ? ' retracted' : ''}`}
      data-kind={r.kind}
      data-state={r.state}
      data-date={r.date}
      data-criteria={r.criteria.join(' ')}
    >
      <H>{p.permalink ? <a href={p.permalink}>{r.title}</a> : r.title}</H>
      {meta?.retracted ? (
        <p class="evidence-retracted">
          <strong>
            {e('evidenceRetracted', { date: day(meta.retracted.at), reason: meta.retracted.reason })}
          </strong>
        </p>
      ) : null}
      <p class="evidence-facts">
        <time datetime={r.date}>{r.date ? formatDate(lang, r.date) : '—'}</time> · {KIND_LABELS[lang][r.kind]}{' '}
        · {e('evidenceStatusLabel')}: {STATUS_LABELS[lang][r.status]}
        {p.showAgency ? (
          <>
            {' '}
            · {p.agencyHref ? <a href={p.agencyHref}>{r.agencyName}</a> : r.agencyName} ({r.state})
          </>
        ) : null}
      </p>
      <p class="evidence-summary">{r.summary}</p>
      {r.criteria.length + r.checklist.length > 0 ? (
        <ul class="evidence-tags">
          {r.criteria.map((c) => (
            <li key={c}>{CRITERION_LABELS[lang][c]}</li>
          ))}
          {r.checklist.map((n) => (
            <li key={`c${n}`}>
              {e('evidenceChecklistLabel')} {n}: {CHECKLIST_LABELS[lang][n - 1]}
            </li>
          ))}
        </ul>
      ) : null}
      <Sources lang={lang} r={r} fileHref={p.fileHref} />
      {meta ? (
        <p class="note">
          {e('evidenceByline', {
            editor: meta.editor.name,
            edited: day(meta.editor.at),
            reviewer: meta.reviewer?.name ?? '—',
            reviewed: meta.reviewer ? day(meta.reviewer.at) : '—',
          })}
        </p>
      ) : null}
    </article>
  );
}
