/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The editors' pages' shell (issue 18): English only (an internal tool for a handful of editors; every public page
 * is in both languages), the site's stylesheet, no script at all, a bar with the sections the editor's role opens
 * and a logout form. These pages are served only by the server with a session, never written by the static export.
 */
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { hasRole, type Role } from '../../../domain/evidence.ts';

/** Who is signed in, and what every form of the page needs. */
export interface EditorCtx {
  base: string;
  cssHref: string;
  user: { username: string; displayName: string; role: Role } | null;
  /** The session's CSRF token (hidden in every form). */
  csrf: string;
}

export const ed = (ctx: Pick<EditorCtx, 'base'>, path: string) => `${ctx.base}/editor${path}`;

/** The hidden CSRF field of a form. */
export function Csrf({ ctx }: { ctx: EditorCtx }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A one-button POST form (an action on a record, a tip, a session). */
export function ActionForm(props: {
  ctx: EditorCtx;
  action: string;
  label: string;
  fields?: Record<string, string>;
  note?: { name: string; label: string; required?: boolean };
}) {
  const { ctx } = props;
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf ctx={ctx} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.note ? (
        <label>
          {props.note.label} <input name={props.note.name} required={props.note.required} maxLength={1000} />
        </label>
      ) : null}{' '}
      <button type="submit" class="button">
        {props.label}
      </button>
    </form>
  );
}

function Bar({ ctx }: { ctx: EditorCtx }) {
  const u = ctx.user;
  if (!u) return null;
  const links: [string, string][] = [
    ['/', 'Dashboard'],
    ['/records', 'Records'],
    ['/records/new', 'New record'],
    ['/tips', 'Tips'],
  ];
  if (hasRole(u.role, 'admin'))
    links.push(['/audit', 'Audit log'], ['/users', 'Accounts'], ['/export.json', 'Export']);
  else if (hasRole(u.role, 'reviewer')) links.push(['/export.json', 'Export']);
  links.push(['/account', 'My account']);
  return (
    <header class="site-header">
      <div class="bar editor-bar">
        <a class="brand" href={`${ctx.base}/`}>
          Reassess
        </a>
        <nav aria-label="Editors">
          <ul>
            {links.map(([p, label]) => (
              <li key={p}>
                <a href={ed(ctx, p)}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <span>
          {u.displayName} ({u.role})
        </span>
        <form method="post" action={ed(ctx, '/logout')} class="inline-form">
          <Csrf ctx={ctx} />
          <button type="submit" class="button">
            Log out
          </button>
        </form>
      </div>
    </header>
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function editorDocument(ctx: EditorCtx, title: string, body: ComponentChildren): string {
  const html = render(
    <body>
      <Bar ctx={ctx} />
      <main id="main">
        <h1>{title}</h1>
        {body}
      </main>
    </body>,
  );
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${esc(title)} · Reassess editors</title><link rel="stylesheet" href="${esc(ctx.cssHref)}"></head>` +
    `${html}</html>`
  );
}

/** A page that only says something (refused, not found, done), with a way on. */
export function messagePage(ctx: EditorCtx, title: string, lines: string[], back?: string): string {
  return editorDocument(
    ctx,
    title,
    <>
      {lines.map((l, i) => (
        <p key={i} class="pre-line">
          {l}
        </p>
      ))}
      <p>
        <a href={back ?? ed(ctx, '/')}>Back</a>
      </p>
    </>,
  );
}
