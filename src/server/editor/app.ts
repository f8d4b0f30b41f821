/**
 * The editors' side of the server (issue 18), under `/editor`: never in the static export. Login with argon2id
 * (editors/login.ts) behind a per-client throttle and the account lock-out; a server-side session named by an
 * HttpOnly, Secure, SameSite=Lax cookie (a login always makes a new token: session fixation); a CSRF token bound to
 * the session in every form and checked on every POST (the login form has its own double-submit token); every
 * route requires a session and the role listed in EDITOR_ROUTES; answers are never cached.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasRole, type Role } from '../../domain/evidence.ts';
import { auditCsv } from '../../editors/audit-export.ts';
import type { ServiceDeps } from '../../editors/deps.ts';
import { endSession, login, readSession } from '../../editors/login.ts';
import { csrfFor, newToken, sameToken } from '../../editors/tokens.ts';
import { WindowLimit } from '../../editors/window-limit.ts';
import { wordDiff } from '../../evidence/diff.ts';
import { EvidenceError } from '../../evidence/errors.ts';
import { exportEvidence } from '../../evidence/evidence-file.ts';
import {
  approve,
  createRecord,
  type Editor,
  recordHistory,
  reject,
  retract,
  saveVersion,
  submitForReview,
} from '../../evidence/records.ts';
import { draftFromTip, moderate, type TipAgency } from '../../evidence/tips.ts';
import { publishProblems } from '../../evidence/validate.ts';
import { listAudit } from '../../store/audit.ts';
import type { Db } from '../../store/db.ts';
import { listRecordRows } from '../../store/evidence.ts';
import { openSessions, type SessionWithUser } from '../../store/sessions.ts';
import { listTips } from '../../store/tips.ts';
import { type EditorCtx, ed, messagePage } from '../../web/pages/editor/layout.tsx';
import { loginPage } from '../../web/pages/editor/login.tsx';
import { accountPage, auditPage, tipsPage } from '../../web/pages/editor/queues.tsx';
import { type FormState, recordFormPage } from '../../web/pages/editor/record-form.tsx';
import { recordViewPage } from '../../web/pages/editor/record-view.tsx';
import { dashboardPage, type RecordListRow, recordsPage } from '../../web/pages/editor/records.tsx';
import { contentText, EMPTY_CONTENT, formContent } from './form-content.ts';

export const SESSION_COOKIE = 'reassess_session';
export const LOGIN_COOKIE = 'reassess_login';

export interface EditorDeps {
  db: Db;
  deps: ServiceDeps;
  /** The site's base path ('' at a domain's root). */
  base: string;
  cssHref: () => Promise<string>;
  client: (c: Context) => string;
  /** The agencies of the current ledger version (a tip's draft names its agency). */
  agencies: () => Promise<(agencyId: string) => TipAgency | null>;
  /** Login attempts per client per 15 minutes; default 20. */
  loginLimit?: number;
}

/** Every editor route and the least role it needs (the role × route tests read this list). */
export const EDITOR_ROUTES: { method: 'GET' | 'POST'; path: string; role: Role }[] = [
  { method: 'GET', path: '/', role: 'contributor' },
  { method: 'GET', path: '/records', role: 'contributor' },
  { method: 'GET', path: '/records/new', role: 'contributor' },
  { method: 'POST', path: '/records/new', role: 'contributor' },
  { method: 'GET', path: '/records/:id', role: 'contributor' },
  { method: 'GET', path: '/records/:id/edit', role: 'contributor' },
  { method: 'POST', path: '/records/:id/edit', role: 'contributor' },
  { method: 'POST', path: '/records/:id/submit', role: 'contributor' },
  { method: 'POST', path: '/records/:id/approve', role: 'reviewer' },
  { method: 'POST', path: '/records/:id/reject', role: 'reviewer' },
  { method: 'POST', path: '/records/:id/retract', role: 'reviewer' },
  { method: 'GET', path: '/tips', role: 'contributor' },
  { method: 'POST', path: '/tips/:id/draft', role: 'contributor' },
  { method: 'POST', path: '/tips/:id/dismiss', role: 'contributor' },
  { method: 'GET', path: '/export.json', role: 'reviewer' },
  { method: 'GET', path: '/audit', role: 'admin' },
  { method: 'GET', path: '/audit.csv', role: 'admin' },
  { method: 'GET', path: '/account', role: 'contributor' },
  { method: 'POST', path: '/sessions/revoke', role: 'contributor' },
  { method: 'POST', path: '/logout', role: 'contributor' },
];

type Handler = (c: Context, s: Signed) => Promise<Response>;
interface Signed {
  session: SessionWithUser;
  editor: Editor;
  ctx: EditorCtx;
  form: URLSearchParams;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function cookieOpts(base: string, maxAge?: number) {
  return {
    path: `${base}/editor`,
    httpOnly: true,
    secure: true,
    sameSite: 'Lax' as const,
    ...(maxAge !== undefined ? { maxAge } : {}),
  };
}

export function editorRoutes(app: Hono, d: EditorDeps): void {
  const throttle = new WindowLimit(d.loginLimit ?? 20, 15 * 60_000);
  const ctxOf = async (s: SessionWithUser | null, token: string): Promise<EditorCtx> => ({
    base: d.base,
    cssHref: await d.cssHref(),
    user: s ? { username: s.username, displayName: s.displayName, role: s.role } : null,
    csrf: token ? csrfFor(token) : '',
  });
  const html = (c: Context, body: string, status = 200) =>
    c.html(body, status as 200, { ...NO_STORE, 'X-Robots-Tag': 'noindex' });

  const handlers = new Map<string, Handler>();
  const on = (method: 'GET' | 'POST', path: string, h: Handler) => handlers.set(`${method} ${path}`, h);

  for (const route of EDITOR_ROUTES) {
    const register = route.method === 'GET' ? app.get.bind(app) : app.post.bind(app);
    register(`/editor${route.path === '/' ? '/' : route.path}`, async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const check = await readSession(d.db, d.deps, token);
      if (!check.session) {
        if (route.method === 'GET')
          return c.redirect(`${ed(d, '/login')}?next=${encodeURIComponent(c.req.path)}`, 303);
        return html(
          c,
          messagePage(await ctxOf(null, ''), 'Not signed in', [check.why], ed(d, '/login')),
          401,
        );
      }
      const s = check.session;
      const ctx = await ctxOf(s, token as string);
      if (!hasRole(s.role, route.role))
        return html(c, messagePage(ctx, 'Not allowed', [`This needs the ${route.role} role.`]), 403);
      const form = route.method === 'POST' ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
      if (route.method === 'POST' && !sameToken(form.get('_csrf') ?? '', ctx.csrf))
        return html(c, messagePage(ctx, 'Refused', ['The form is stale or forged (CSRF token).']), 403);
      const editor: Editor = { userId: s.userId, name: s.username, role: s.role };
      try {
        return await (handlers.get(`${route.method} ${route.path}`) as Handler)(c, {
          session: s,
          editor,
          ctx,
          form,
        });
      } catch (e) {
        if (!(e instanceof EvidenceError)) throw e;
        const lines = [e.message, ...(e.problems ?? []).map((p) => `${p.field}: ${p.message}`)];
        return html(c, messagePage(ctx, 'Not done', lines), e.status);
      }
    });
  }

  app.get('/editor/login', async (c) => {
    const token = newToken(d.deps.random);
    setCookie(c, LOGIN_COOKIE, token, cookieOpts(d.base, 3600));
    const next = c.req.query('next') ?? '';
    return html(c, loginPage(await ctxOf(null, ''), { loginToken: token, next }));
  });
  app.post('/editor/login', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const client = d.client(c);
    const again = async (error: string, status: number) => {
      const t = newToken(d.deps.random);
      setCookie(c, LOGIN_COOKIE, t, cookieOpts(d.base, 3600));
      return html(
        c,
        loginPage(await ctxOf(null, ''), { loginToken: t, next: form.get('next') ?? '', error }),
        status,
      );
    };
    const expected = getCookie(c, LOGIN_COOKIE) ?? '';
    if (!expected || !sameToken(form.get('_login') ?? '', expected))
      return again('The login form is stale: try again.', 403);
    const gate = throttle.hit(client, d.deps.now().getTime());
    if (!gate.allowed)
      return again(`Too many attempts: wait ${Math.ceil(gate.retryAfter / 60)} minute(s).`, 429);
    const r = await login(d.db, d.deps, {
      username: form.get('username') ?? '',
      password: form.get('password') ?? '',
      client: client,
      previousToken: getCookie(c, SESSION_COOKIE),
    });
    if (!r.ok) return again('Wrong username or password, or the account is locked.', 401);
    deleteCookie(c, LOGIN_COOKIE, { path: `${d.base}/editor` });
    setCookie(c, SESSION_COOKIE, r.token, cookieOpts(d.base));
    const next = form.get('next') ?? '';
    return c.redirect(/^\/editor\/[\w/-]*$/.test(next) ? `${d.base}${next}` : ed(d, '/'), 303);
  });

  recordHandlers(on, d, html);
  queueHandlers(on, d, html);
}

type On = (method: 'GET' | 'POST', path: string, h: Handler) => void;
type Html = (c: Context, body: string, status?: number) => Response | Promise<Response>;

async function listRows(db: Db, viewer: number): Promise<RecordListRow[]> {
  const out: RecordListRow[] = [];
  for (const r of await listRecordRows(db)) {
    const h = await recordHistory(db, r.recordId);
    if (!h) continue;
    out.push({
      recordId: r.recordId,
      title: h.latest.content.title,
      agencyName: h.latest.content.agencyName,
      state: h.latest.content.state,
      stage: h.stage.stage,
      pendingChanges: h.stage.pendingChanges,
      latestVersion: h.latest.version,
      publishedVersion: r.publishedVersion,
      updatedAt: h.latest.createdAt,
      origin: r.origin,
      mine: h.latest.authorId === viewer,
    });
  }
  return out;
}

function recordHandlers(on: On, d: EditorDeps, html: Html): void {
  const seeOther = (c: Context, id: string) => c.redirect(ed(d, `/records/${id}`), 303);
  on('GET', '/', async (c, s) => {
    const tips = await listTips(d.db, 'new');
    return html(c, dashboardPage(s.ctx, await listRows(d.db, s.editor.userId), tips.length));
  });
  on('GET', '/records', async (c, s) =>
    html(c, recordsPage(s.ctx, await listRows(d.db, s.editor.userId), c.req.query('stage') ?? 'all')),
  );
  const form = (action: string, st: Partial<FormState>): FormState => ({
    action,
    content: EMPTY_CONTENT,
    note: '',
    problems: [],
    preview: null,
    ...st,
  });
  on('GET', '/records/new', async (c, s) =>
    html(c, recordFormPage(s.ctx, 'New record', form(ed(d, '/records/new'), {}))),
  );
  const save = async (c: Context, s: Signed, id: string | null) => {
    const { content, problems } = formContent(s.form);
    const note = s.form.get('note') ?? '';
    const action = ed(d, id ? `/records/${id}/edit` : '/records/new');
    const title = id ? 'Edit record' : 'New record';
    if (problems.length > 0 || s.form.get('do') !== 'save') {
      const preview = problems.length > 0 ? null : { missing: publishProblems(content) };
      return html(
        c,
        recordFormPage(s.ctx, title, form(action, { content, note, problems, preview })),
        problems.length ? 400 : 200,
      );
    }
    if (!id) {
      const newId = await createRecord(d.db, d.deps, s.editor, { content, origin: 'editor', note });
      return seeOther(c, newId);
    }
    await saveVersion(d.db, d.deps, s.editor, id, content, note);
    return seeOther(c, id);
  };
  on('POST', '/records/new', (c, s) => save(c, s, null));
  on('GET', '/records/:id', async (c, s) => {
    const h = await recordHistory(d.db, c.req.param('id') ?? '');
    if (!h) throw new EvidenceError('no such record', 404);
    const pub = h.versions.find((v) => v.version === h.record.publishedVersion);
    const diff =
      pub && pub.version !== h.latest.version
        ? wordDiff(contentText(pub.content), contentText(h.latest.content))
        : null;
    return html(c, recordViewPage(s.ctx, { h, diff, mine: h.latest.authorId === s.editor.userId }));
  });
  on('GET', '/records/:id/edit', async (c, s) => {
    const id = c.req.param('id') ?? '';
    const h = await recordHistory(d.db, id);
    if (!h) throw new EvidenceError('no such record', 404);
    return html(
      c,
      recordFormPage(s.ctx, 'Edit record', form(ed(d, `/records/${id}/edit`), { content: h.latest.content })),
    );
  });
  on('POST', '/records/:id/edit', (c, s) => save(c, s, c.req.param('id') ?? ''));
  on('POST', '/records/:id/submit', async (c, s) => {
    const id = c.req.param('id') ?? '';
    await submitForReview(d.db, d.deps, s.editor, id);
    return seeOther(c, id);
  });
  on('POST', '/records/:id/approve', async (c, s) => {
    const id = c.req.param('id') ?? '';
    await approve(d.db, d.deps, s.editor, id, Number(s.form.get('version')), s.form.get('note') ?? '');
    return seeOther(c, id);
  });
  on('POST', '/records/:id/reject', async (c, s) => {
    const id = c.req.param('id') ?? '';
    await reject(d.db, d.deps, s.editor, id, Number(s.form.get('version')), s.form.get('note') ?? '');
    return seeOther(c, id);
  });
  on('POST', '/records/:id/retract', async (c, s) => {
    const id = c.req.param('id') ?? '';
    await retract(d.db, d.deps, s.editor, id, s.form.get('reason') ?? '');
    return seeOther(c, id);
  });
}

function queueHandlers(on: On, d: EditorDeps, html: Html): void {
  on('GET', '/tips', async (c, s) => html(c, tipsPage(s.ctx, await listTips(d.db, 'new'))));
  on('POST', '/tips/:id/draft', async (c, s) => {
    const id = await draftFromTip(d.db, d.deps, s.editor, Number(c.req.param('id')), await d.agencies());
    return c.redirect(ed(d, `/records/${id}/edit`), 303);
  });
  on('POST', '/tips/:id/dismiss', async (c, s) => {
    await moderate(d.db, d.deps, s.editor, Number(c.req.param('id')), 'dismissed', s.form.get('note') ?? '');
    return c.redirect(ed(d, '/tips'), 303);
  });
  on('GET', '/export.json', async (c) => {
    const file = await exportEvidence(d.db, d.deps.now, 'Export from the editors’ pages');
    return c.body(`${JSON.stringify(file, null, 2)}\n`, 200, {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="evidence-export.json"',
    });
  });
  on('GET', '/audit', async (c, s) =>
    html(c, auditPage(s.ctx, (await listAudit(d.db)).reverse().slice(0, 1000))),
  );
  on('GET', '/audit.csv', async (c) =>
    c.body(auditCsv(await listAudit(d.db)), 200, {
      ...NO_STORE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit.csv"',
    }),
  );
  on('GET', '/account', async (c, s) => {
    const open = await openSessions(d.db, d.deps.now().toISOString(), s.editor.userId);
    return html(c, accountPage(s.ctx, open, s.session.sessionId));
  });
  on('POST', '/sessions/revoke', async (c, s) => {
    const prefix = s.form.get('session') ?? '';
    const open = await openSessions(d.db, d.deps.now().toISOString(), s.editor.userId);
    const target = prefix.length >= 16 ? open.find((x) => x.sessionId.startsWith(prefix)) : undefined;
    if (!target) throw new EvidenceError('no such open session of yours', 404);
    await endSession(
      d.db,
      d.deps,
      s.editor,
      { sessionId: target.sessionId, username: s.editor.name },
      'revoked',
    );
    return c.redirect(ed(d, target.sessionId === s.session.sessionId ? '/login' : '/account'), 303);
  });
  on('POST', '/logout', async (c, s) => {
    await endSession(
      d.db,
      d.deps,
      s.editor,
      { sessionId: s.session.sessionId, username: s.editor.name },
      'logout',
    );
    deleteCookie(c, SESSION_COOKIE, { path: `${d.base}/editor`, secure: true });
    return c.redirect(ed(d, '/login'), 303);
  });
}
