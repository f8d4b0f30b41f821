/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One record for editors: its stage, the latest version as the public would read it, the word diff against the
 * published version, every version with its author and note, the reviews, and the actions the viewer's role and
 * the two-person rule allow (edit, submit, approve, send back, retract).
 */
import { hasRole } from '../../../domain/evidence.ts';
import type { DiffPart } from '../../../evidence/diff.ts';
import type { RecordHistory } from '../../../evidence/records.ts';
import { RecordCard } from '../evidence/record-card.tsx';
import { ActionForm, type EditorCtx, ed, editorDocument } from './layout.tsx';

export interface RecordView {
  h: RecordHistory;
  /** Word diff of the latest version against the published one (null when none is published or they are equal). */
  diff: DiffPart[] | null;
  /** The viewer wrote the latest version (then they cannot approve it). */
  mine: boolean;
}

function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <p class="diff pre-line">
      {parts.map((p, i) =>
        p.op === 'del' ? <del key={i}>{p.text}</del> : p.op === 'ins' ? <ins key={i}>{p.text}</ins> : p.text,
      )}
    </p>
  );
}

function Actions({ ctx, v }: { ctx: EditorCtx; v: RecordView }) {
  const { h } = v;
  const id = h.record.recordId;
  const role = ctx.user?.role ?? 'contributor';
  const version = String(h.latest.version);
  const out = [];
  if (h.record.retractedAt === null)
    out.push(
      <a key="edit" class="button" href={ed(ctx, `/records/${id}/edit`)}>
        Edit (a new version)
      </a>,
    );
  if (h.stage.stage === 'draft' || (h.stage.pendingChanges && h.latest.submittedAt === null))
    out.push(
      <ActionForm
        key="submit"
        ctx={ctx}
        action={ed(ctx, `/records/${id}/submit`)}
        label="Submit for review"
      />,
    );
  if (h.stage.stage === 'review' || (h.stage.pendingChanges && h.latest.submittedAt !== null)) {
    if (hasRole(role, 'reviewer') && !v.mine)
      out.push(
        <ActionForm
          key="approve"
          ctx={ctx}
          action={ed(ctx, `/records/${id}/approve`)}
          label={`Approve and publish version ${version}`}
          fields={{ version }}
          note={{ name: 'note', label: 'Note' }}
        />,
        <ActionForm
          key="reject"
          ctx={ctx}
          action={ed(ctx, `/records/${id}/reject`)}
          label="Send back"
          fields={{ version }}
          note={{ name: 'note', label: 'Why', required: true }}
        />,
      );
    else if (v.mine) out.push(<p key="mine">You wrote this version: another reviewer approves it.</p>);
  }
  if (hasRole(role, 'reviewer') && h.record.publishedVersion !== null && h.record.retractedAt === null)
    out.push(
      <ActionForm
        key="retract"
        ctx={ctx}
        action={ed(ctx, `/records/${id}/retract`)}
        label="Retract"
        note={{ name: 'reason', label: 'Reason (shown to the public)', required: true }}
      />,
    );
  return <div class="editor-actions">{out}</div>;
}

export function recordViewPage(ctx: EditorCtx, v: RecordView): string {
  const { h } = v;
  const published = h.versions.find((x) => x.version === h.record.publishedVersion);
  return editorDocument(
    ctx,
    h.latest.content.title || h.record.recordId,
    <>
      <p>
        <code>{h.record.recordId}</code> · stage: <strong>{h.stage.stage}</strong>
        {h.stage.pendingChanges ? ' (a newer version is pending)' : ''} · latest version {h.latest.version}
        {h.record.publishedVersion !== null ? ` · published version ${h.record.publishedVersion}` : ''} ·
        origin {h.record.origin}
        {h.record.origin === 'seed' && h.record.publishedVersion === null ? ' (unreviewed seed record)' : ''}
      </p>
      {h.record.retractedAt ? (
        <p class="evidence-retracted">
          Retracted {h.record.retractedAt.slice(0, 10)}: {h.record.retractionReason}
        </p>
      ) : null}
      <Actions ctx={ctx} v={v} />
      {v.diff && published ? (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">
            Changes against the published version ({published.version} → {h.latest.version})
          </h2>
          <Diff parts={v.diff} />
        </section>
      ) : null}
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">Version {h.latest.version}, as the public would read it</h2>
        <RecordCard lang="en" r={h.latest.content} showAgency heading="h3" />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol>
          {h.versions.map((x) => (
            <li key={x.version}>
              Version {x.version} by {x.authorLabel}, {x.createdAt.slice(0, 16).replace('T', ' ')}
              {x.changeNote ? `: ${x.changeNote}` : ''}
              {x.submittedAt ? ' · submitted' : ''}
            </li>
          ))}
        </ol>
        <h3>Reviews</h3>
        <ul>
          {h.reviews.map((r, i) => (
            <li key={i}>
              {r.decision} version {r.version} by {r.reviewerName}, {r.at.slice(0, 16).replace('T', ' ')}
              {r.note ? `: ${r.note}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>,
  );
}
