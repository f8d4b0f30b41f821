/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * `/downloads/`: the data files (agencies, agreements, events, publications…), and every file the ledger stores —
 * ICE's original workbooks first, then the reference tables and archived files — downloadable by sha256, each with
 * its retrieval records (where it came from, when, the HTTP status).
 */
import type { StoredFile } from '../../../read/files.ts';
import { DataTable } from '../../components/data-table.tsx';
import { type PageResult, type RenderCtx, rootHref } from '../../context.ts';
import { formatDate, type Lang, LIST_LABEL, label } from '../../i18n.ts';
import { filePath } from '../../paths.ts';
import { DownloadsSection, fileSize } from '../data/downloads-table.tsx';

function kindLabel(ctx: RenderCtx, f: StoredFile): string {
  const { t, lang } = ctx;
  if (f.kind === 'participating' || f.kind === 'pending') return `ICE — ${label(LIST_LABEL, lang, f.kind)}`;
  const known: Record<string, Parameters<typeof t>[0]> = {
    'fbi-lee': 'fileKindFbi',
    'acs-b03002': 'fileKindAcs',
    'us-atlas-counties': 'fileKindShapes',
    'zcta-county': 'fileKindZcta',
    'gazetteer-places': 'fileKindPlaces',
    'gazetteer-cousubs': 'fileKindCousubs',
  };
  return known[f.kind]
    ? t(known[f.kind] as Parameters<typeof t>[0])
    : f.mediaType.includes('pdf')
      ? t('fileKindPdf')
      : t('fileKindOther');
}

function Retrievals({ lang, f }: { lang: Lang; f: StoredFile }) {
  if (f.retrievals.length === 0) return <>—</>;
  return (
    <ul class="retrievals">
      {f.retrievals.map((r) => (
        <li key={`${r.source}${r.from}${r.at}`}>
          {r.source}:{' '}
          {/^https?:\/\//.test(r.from) ? (
            <a href={r.from} rel="noopener noreferrer">
              {r.from}
            </a>
          ) : (
            r.from
          )}{' '}
          ({formatDate(lang, r.at)}
          {r.status ? `, HTTP ${r.status}` : ''})
        </li>
      ))}
    </ul>
  );
}

export function downloadsPage(ctx: RenderCtx): PageResult {
  const { t, lang } = ctx;
  const files = ctx.model.files;
  const main = (
    <>
      <h1>{t('downloadsTitle')}</h1>
      <p class="lede">{t('downloadsIntro')}</p>
      <DownloadsSection ctx={ctx} />
      <section aria-labelledby="stored-title">
        <h2 id="stored-title">{t('storedTitle')}</h2>
        <p>{t('storedIntro', { n: files.length })}</p>
        <DataTable
          ctx={ctx}
          id="stored-files"
          file="stored-files"
          columns={[
            { label: t('storedWhat') },
            { label: t('colDate'), kind: 'date' },
            { label: t('storedFile') },
            { label: t('dataSize'), kind: 'number', num: true },
            { label: t('storedRetrieved') },
          ]}
          rows={files.map((f) => ({
            key: f.sha256,
            cells: [
              { content: `${kindLabel(ctx, f)}${f.label ? ` (“${f.label}”)` : ''}`, head: true },
              {
                content:
                  f.date && /^\d{4}-\d{2}-\d{2}/.test(f.date) ? formatDate(lang, f.date) : (f.date ?? '—'),
                value: f.date ?? '',
              },
              {
                content: (
                  <a href={rootHref(ctx, filePath(f.sha256, f.mediaType))} download>
                    <code>{f.sha256}</code>
                  </a>
                ),
              },
              { content: fileSize(lang, f.size), value: f.size },
              { content: <Retrievals lang={lang} f={f} /> },
            ],
          }))}
        />
        <p class="note">{t('storedNote')}</p>
      </section>
    </>
  );
  return { title: t('downloadsTitle'), main };
}
