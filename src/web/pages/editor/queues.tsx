/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The editors' queues and logs: the tips waiting for moderation (each one step from a draft record), the audit log
 * (admins; with its CSV export), and the viewer's open sessions (each revocable).
 */
import type { AuditRow } from '../../../store/audit.ts';
import type { SessionRow } from '../../../store/sessions.ts';
import type { TipRow } from '../../../store/tips.ts';
import { ActionForm, type EditorCtx, ed, editorDocument } from './layout.tsx';

export function tipsPage(ctx: EditorCtx, tips: TipRow[]): string {
  return editorDocument(
    ctx,
    `Tips (${tips.length} new)`,
    <>
      <p class="note">Never shown to the public. The contact a visitor left stays here, never in a record.</p>
      {tips.length === 0 ? <p>None.</p> : null}
      {tips.map((t) => (
        <article key={t.tipId} class="evidence-card" id={`tip-${t.tipId}`}>
          <h2>
            Tip {t.tipId} · {t.kind} · <code>{t.agencyId}</code> ·{' '}
            {t.receivedAt.slice(0, 16).replace('T', ' ')}
          </h2>
          <p class="pre-line">{t.what}</p>
          {t.place ? <p>Where and when: {t.place}</p> : null}
          {t.sourceUrl ? <p>Source: {t.sourceUrl}</p> : null}
          {t.contact ? <p>Contact (private): {t.contact}</p> : null}
          <ActionForm ctx={ctx} action={ed(ctx, `/tips/${t.tipId}/draft`)} label="Make a draft record" />{' '}
          <ActionForm
            ctx={ctx}
            action={ed(ctx, `/tips/${t.tipId}/dismiss`)}
            label="Dismiss"
            note={{ name: 'note', label: 'Why' }}
          />
        </article>
      ))}
    </>,
  );
}

export function auditPage(ctx: EditorCtx, rows: AuditRow[]): string {
  return editorDocument(
    ctx,
    'Audit log',
    <>
      <p>
        Append-only. <a href={ed(ctx, '/audit.csv')}>Export as CSV</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>On</th>
              <th>Before → after</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.auditId}>
                <td>{r.auditId}</td>
                <td>{r.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>{r.entity}</td>
                <td>
                  <code>{r.before === null ? '' : JSON.stringify(r.before).slice(0, 300)}</code> →{' '}
                  <code>{r.after === null ? '' : JSON.stringify(r.after).slice(0, 300)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
}

export function accountPage(ctx: EditorCtx, sessions: SessionRow[], current: string): string {
  return editorDocument(
    ctx,
    'My account',
    <>
      <h2>Open sessions</h2>
      <ul>
        {sessions.map((s) => (
          <li key={s.sessionId}>
            Since {s.createdAt.slice(0, 16).replace('T', ' ')}, last seen{' '}
            {s.lastSeenAt.slice(0, 16).replace('T', ' ')}
            {s.sessionId === current ? ' (this one)' : ''}{' '}
            <ActionForm
              ctx={ctx}
              action={ed(ctx, '/sessions/revoke')}
              label="End"
              fields={{ session: s.sessionId.slice(0, 16) }}
            />
          </li>
        ))}
      </ul>
    </>,
  );
}
