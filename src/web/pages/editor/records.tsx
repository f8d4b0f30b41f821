/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The editors' dashboard and list of records (every stage: drafts, in review, published, retracted). */
import type { EvidenceStage } from '../../../domain/evidence.ts';
import { type EditorCtx, ed, editorDocument } from './layout.tsx';

export interface RecordListRow {
  recordId: string;
  title: string;
  agencyName: string;
  state: string;
  stage: EvidenceStage;
  pendingChanges: boolean;
  latestVersion: number;
  publishedVersion: number | null;
  updatedAt: string;
  origin: string;
  /** The latest version's author is the viewer (who then cannot approve it). */
  mine: boolean;
}

function RecordTable({ ctx, rows }: { ctx: EditorCtx; rows: RecordListRow[] }) {
  if (rows.length === 0) return <p class="note">None.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Record</th>
            <th>Agency</th>
            <th>Stage</th>
            <th class="num">Version</th>
            <th>Last change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.recordId}>
              <td>
                <a href={ed(ctx, `/records/${r.recordId}`)}>{r.title || '(untitled)'}</a>
                <br />
                <code>{r.recordId}</code> · {r.origin}
              </td>
              <td>
                {r.agencyName} ({r.state})
              </td>
              <td>
                {r.stage}
                {r.pendingChanges ? ' (newer version pending)' : ''}
                {r.mine && r.stage === 'review' ? ' · yours' : ''}
              </td>
              <td class="num">
                {r.latestVersion}
                {r.publishedVersion !== null ? ` (published ${r.publishedVersion})` : ''}
              </td>
              <td>{r.updatedAt.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function dashboardPage(ctx: EditorCtx, rows: RecordListRow[], newTips: number): string {
  const review = rows.filter((r) => r.stage === 'review');
  const drafts = rows.filter((r) => r.stage === 'draft');
  return editorDocument(
    ctx,
    'Editors',
    <>
      <p>
        <a href={ed(ctx, '/tips')}>{newTips} new tip(s)</a> in the moderation queue ·{' '}
        <a href={ed(ctx, '/records/new')}>Write a new record</a>
      </p>
      <h2>Waiting for review ({review.length})</h2>
      <p class="note">A version is published only when a reviewer other than its author approves it.</p>
      <RecordTable ctx={ctx} rows={review} />
      <h2>Drafts ({drafts.length})</h2>
      <RecordTable ctx={ctx} rows={drafts} />
    </>,
  );
}

export function recordsPage(ctx: EditorCtx, rows: RecordListRow[], stage: string): string {
  const stages = ['all', 'draft', 'review', 'published', 'retracted'];
  const shown = stage === 'all' ? rows : rows.filter((r) => r.stage === stage);
  return editorDocument(
    ctx,
    'Records',
    <>
      <p>
        {stages.map((s) => (
          <span key={s}>
            {s === stage ? <strong>{s}</strong> : <a href={ed(ctx, `/records?stage=${s}`)}>{s}</a>}{' '}
          </span>
        ))}
      </p>
      <RecordTable ctx={ctx} rows={shown} />
    </>,
  );
}
