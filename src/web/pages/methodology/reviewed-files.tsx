/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Every reviewed file of src/reference: what it decides, how many entries, and each entry (or why it failed to load). */
import { loadReference, type ReferenceName, SPECS } from '../../../reference/load.ts';
import { TableHead } from '../../components/table-head.tsx';
import type { RenderCtx } from '../../context.ts';
import { FILE_ABOUT } from './rules.ts';

interface ReviewedFile {
  name: ReferenceName;
  spec: (typeof SPECS)[ReferenceName];
  rows: Record<string, string>[];
  error: string | null;
}

function reviewedFiles(): ReviewedFile[] {
  return (Object.keys(SPECS) as ReferenceName[]).map((name) => {
    let rows: Record<string, string>[] = [];
    let error: string | null = null;
    try {
      rows = loadReference(name) as Record<string, string>[];
    } catch (e) {
      error = (e as Error).message;
    }
    return { name, spec: SPECS[name], rows, error };
  });
}

export function ReviewedSection({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="reviewed-title">
      <h2 id="reviewed-title">{t('methReviewed')}</h2>
      <p>{t('methReviewedText')}</p>
      {reviewedFiles().map((f) => (
        <ReferenceFile key={f.name} ctx={ctx} f={f} />
      ))}
    </section>
  );
}

function ReferenceFile({ ctx, f }: { ctx: RenderCtx; f: ReviewedFile }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby={`ref-${f.name}`} class="reference-file">
      <h3 id={`ref-${f.name}`}>
        <code>src/reference/{f.spec.file}</code>
      </h3>
      <p>
        {FILE_ABOUT[lang][f.name] ?? ''} {t('methRows', { n: f.rows.length })}
      </p>
      {f.error ? <p class="note">{f.error}</p> : null}
      {f.rows.length === 0 ? (
        <p>{t('methEmpty')}</p>
      ) : (
        <details>
          <summary>{t('methRows', { n: f.rows.length })}</summary>
          <div class="table-wrap">
            <table>
              <TableHead columns={[...f.spec.columns]} />
              <tbody>
                {f.rows.map((row, i) => (
                  <tr key={i}>
                    {f.spec.columns.map((c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
