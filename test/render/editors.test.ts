/**
 * The editors' side and the tip form through the server (issue 18): every editor route refuses a visitor without a
 * session and an account below its role (role × route matrix); every POST needs the session's CSRF token; a
 * session token planted before login is worthless after it (fixation); expired and revoked sessions are refused;
 * the cookie is HttpOnly, Secure, SameSite=Lax; a record goes from draft to published through the forms, approved
 * by another reviewer; the tip form's limits (honeypot, timing, size, per-client rate) hold, and 10,000 tips from
 * one client are throttled without touching the database while public pages keep answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/evidence.ts';
import { SESSION_MS } from '../../src/editors/login.ts';
import { createRecord } from '../../src/evidence/records.ts';
import { issueTipToken } from '../../src/evidence/tip-token.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { EDITOR_ROUTES, SESSION_COOKIE } from '../../src/server/editor/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listTips } from '../../src/store/tips.ts';
import { webLedger } from '../browser/fixture.ts';
import { account, content, PASSWORD, testDeps } from '../support/editors.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let ledger: Ledger;
let r: ReassessApp;
const deps = testDeps();
let harris: string;
let recordId: string;

interface Browser {
  cookies: Map<string, string>;
}
const browser = (): Browser => ({ cookies: new Map() });

async function req(b: Browser, method: string, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = {};
  if (b.cookies.size) headers.Cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let body: string | undefined;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const res = await r.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = (pair as string).split('=') as [string, string];
    if (v === '' || /Max-Age=0/.test(c)) b.cookies.delete(k);
    else b.cookies.set(k, v);
  }
  return { res, text: await res.text() };
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

async function signIn(b: Browser, username: string, password = PASSWORD) {
  const page = await req(b, 'GET', '/editor/login');
  return req(b, 'POST', '/editor/login', {
    _login: hidden(page.text, '_login'),
    next: '',
    username,
    password,
  });
}

async function csrf(b: Browser): Promise<string> {
  return hidden((await req(b, 'GET', '/editor/account')).text, '_csrf');
}

const users: Partial<Record<Role, Browser>> = {};

beforeAll(async () => {
  fx = await webLedger();
  ledger = fx.ledger;
  r = await createReassessApp({
    db: ledger.db,
    now: deps.now,
    rateLimit: false,
    trustProxy: true,
    checkIntervalMs: 0,
    services: deps,
    tipLimit: { max: 5, windowMs: 600_000 },
  });
  for (const role of ROLES) {
    await account(ledger.db, deps, role, role);
    const b = browser();
    const res = await signIn(b, role);
    expect(res.res.status).toBe(303);
    users[role] = b;
  }
  await account(ledger.db, deps, 'reviewer2', 'reviewer');
  harris = (await listAgencies(ledger.db)).find((x) => x.name === "Harris County Sheriff's Office")
    ?.agencyId as string;
  recordId = await createRecord(
    ledger.db,
    deps,
    { userId: 1, name: 'contributor' },
    { content: content({ agencyId: harris, state: 'TX', countyFips: '48201' }), origin: 'editor', note: '' },
  );
});
afterAll(async () => {
  await fx?.dispose();
});

const concrete = (path: string) =>
  `/editor${path.replace(':id', path.startsWith('/tips') ? '999999' : recordId)}`;

describe('editors on the server', () => {
  it('sets the session cookie HttpOnly, Secure, SameSite=Lax', async () => {
    const b = browser();
    const page = await req(b, 'GET', '/editor/login');
    const res = await r.app.request('/editor/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: new URLSearchParams({
        _login: hidden(page.text, '_login'),
        username: 'admin',
        password: PASSWORD,
      }).toString(),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('role × route: no session is sent to log in; a lower role is refused; the right role passes', async () => {
    for (const route of EDITOR_ROUTES) {
      const path = concrete(route.path);
      const anon = await req(browser(), route.method, path, route.method === 'POST' ? {} : undefined);
      expect(anon.res.status, `${route.method} ${path} without a session`).toBe(
        route.method === 'GET' ? 303 : 401,
      );
      for (const role of ROLES) {
        const b = users[role] as Browser;
        if (route.path === '/logout' || route.path === '/sessions/revoke') continue;
        const form = route.method === 'POST' ? { _csrf: await csrf(b) } : undefined;
        const res = await req(b, route.method, path, form);
        const allowed = ROLES.indexOf(role) >= ROLES.indexOf(route.role);
        if (allowed) expect(res.res.status, `${role} ${route.method} ${path}`).not.toBe(403);
        else expect(res.res.status, `${role} ${route.method} ${path}`).toBe(403);
      }
    }
  });

  it('refuses every POST without the session’s CSRF token', async () => {
    const b = users.admin as Browser;
    for (const route of EDITOR_ROUTES.filter((x) => x.method === 'POST')) {
      const res = await req(b, 'POST', concrete(route.path), { _csrf: 'forged' });
      expect(res.res.status, route.path).toBe(403);
      expect(res.text).toContain('CSRF');
    }
    expect((await req(b, 'GET', '/editor/')).res.status).toBe(200); // still signed in
  });

  it('a session token planted before login is worthless after it (fixation)', async () => {
    const b = browser();
    b.cookies.set(SESSION_COOKIE, 'A'.repeat(43));
    await signIn(b, 'contributor');
    expect(b.cookies.get(SESSION_COOKIE)).not.toBe('A'.repeat(43));
    const attacker = browser();
    attacker.cookies.set(SESSION_COOKIE, 'A'.repeat(43));
    expect((await req(attacker, 'GET', '/editor/')).res.status).toBe(303);
  });

  it('refuses revoked, logged-out and expired sessions', async () => {
    const a = browser();
    const b = browser();
    await signIn(a, 'reviewer2');
    await signIn(b, 'reviewer2');
    const account = await req(a, 'GET', '/editor/account');
    const items = account.text.split('<li>').filter((x) => x.includes('name="session"'));
    expect(items.length).toBe(2);
    const otherItem = items.find((x) => !x.includes('(this one)')) as string;
    const res = await req(a, 'POST', '/editor/sessions/revoke', {
      _csrf: hidden(account.text, '_csrf'),
      session: hidden(otherItem, 'session'),
    });
    expect(res.res.status).toBe(303);
    const still = [
      (await req(a, 'GET', '/editor/')).res.status,
      (await req(b, 'GET', '/editor/')).res.status,
    ];
    expect(still.sort()).toEqual([200, 303]);
    const c = browser();
    await signIn(c, 'reviewer2');
    await req(c, 'POST', '/editor/logout', { _csrf: await csrf(c) });
    expect((await req(c, 'GET', '/editor/')).res.status).toBe(303);
    const d = browser();
    await signIn(d, 'reviewer2');
    const token = d.cookies.get(SESSION_COOKIE) as string;
    deps.clock.advance(SESSION_MS + 1000);
    const e = browser();
    e.cookies.set(SESSION_COOKIE, token);
    expect((await req(e, 'GET', '/editor/')).res.status).toBe(303);
    for (const role of ROLES) await signIn(users[role] as Browser, role);
  });

  it('drafts, previews, submits, refuses self-approval, and publishes on another reviewer’s approval', async () => {
    const author = users.reviewer as Browser;
    const token = await csrf(author);
    const c = content({ agencyId: harris, state: 'TX', countyFips: '48201', title: 'Form-made finding' });
    const fields: Record<string, string> = {
      _csrf: token,
      agencyId: harris,
      agencyName: "Harris County Sheriff's Office",
      state: 'TX',
      countyFips: '48201',
      kind: c.kind,
      date: c.date,
      title: c.title,
      summary: c.summary,
      status: c.status,
      criteria: 'profiling',
      source_url_0: c.sources[0]?.url as string,
      source_publisher_0: 'DOJ',
      source_date_0: '2012-09-18',
      source_quote_0: 'A passage.',
      source_sha_0: '',
      note: 'first',
    };
    const preview = await req(author, 'POST', '/editor/records/new', { ...fields, do: 'preview' });
    expect(preview.text).toContain('Preview (not saved)');
    const bad = await req(author, 'POST', '/editor/records/new', {
      ...fields,
      source_url_0: 'javascript:alert(1)',
      do: 'save',
    });
    expect(bad.res.status).toBe(400);
    const saved = await req(author, 'POST', '/editor/records/new', { ...fields, do: 'save' });
    expect(saved.res.status).toBe(303);
    const path = saved.res.headers.get('location') as string;
    const id = path.split('/').pop() as string;
    await req(author, 'POST', `${path}/submit`, { _csrf: token });
    const self = await req(author, 'POST', `${path}/approve`, { _csrf: token, version: '1', note: '' });
    expect(self.res.status).toBe(403);
    expect((await req(browser(), 'GET', `/api/v1/evidence/${id}`)).res.status).toBe(404);
    const other = users.admin as Browser;
    const ok = await req(other, 'POST', `${path}/approve`, {
      _csrf: await csrf(other),
      version: '1',
      note: 'ok',
    });
    expect(ok.res.status).toBe(303);
    await r.views.refresh();
    expect((await req(browser(), 'GET', `/api/v1/evidence/${id}`)).res.status).toBe(200);
    // A new version shows its diff against the published one.
    await req(author, 'POST', `${path}/edit`, {
      ...fields,
      title: 'Form-made finding, corrected',
      do: 'save',
    });
    const view = await req(author, 'GET', path);
    expect(view.text).toMatch(/<ins>[^<]*corrected[^<]*<\/ins>/);
    const audit = await req(users.admin as Browser, 'GET', '/editor/audit.csv');
    expect(audit.text).toContain('record.approve');
  });
});

describe('the tip form', () => {
  const form = (over: Record<string, string> = {}) => ({
    agency: harris,
    lang: 'en',
    kind: 'record',
    t: issueTipToken(new Uint8Array(32), 0),
    what: 'The sheriff said something on the radio.',
    place: '',
    source: 'https://example.org/a',
    contact: 'me@example.org',
    website: '',
    ...over,
  });
  const post = (f: Record<string, string>, ip: string) =>
    r.app.request('/tips', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
      body: new URLSearchParams(f).toString(),
    });

  it('serves each agency page with a fresh signed token; keeps a real tip private in the queue', async () => {
    const page = await (await r.app.request(`/agency/${harris}/`)).text();
    const t = hidden(page, 't');
    expect(t).toMatch(/^[0-9a-z]+\.[\w-]{22}$/);
    deps.clock.advance(5_000);
    const before = (await listTips(ledger.db)).length;
    const ok = await post(form({ t }), '10.0.0.1');
    expect(ok.status).toBe(200);
    expect((await listTips(ledger.db)).length).toBe(before + 1);
    expect(await (await r.app.request(`/agency/${harris}/`)).text()).not.toContain('on the radio');
    // Bots: the honeypot is thanked and dropped; a forged or too-fast token is refused.
    expect((await post(form({ t, website: 'http://spam' }), '10.0.0.2')).status).toBe(200);
    expect((await post(form(), '10.0.0.3')).status).toBe(400);
    const fast = hidden(await (await r.app.request(`/agency/${harris}/`)).text(), 't');
    expect((await post(form({ t: fast }), '10.0.0.4')).status).toBe(400);
    expect((await post(form({ t, what: 'x'.repeat(30_000) }), '10.0.0.5')).status).toBe(413);
    expect((await post(form({ t, what: '<b>x</b>'.repeat(600) }), '10.0.0.6')).status).toBe(400);
    expect((await listTips(ledger.db)).length).toBe(before + 1);
  });

  it('throttles 10,000 tips from one client without touching the database, while pages answer', async () => {
    const page = await (await r.app.request(`/agency/${harris}/`)).text();
    const t = hidden(page, 't');
    deps.clock.advance(5_000);
    const before = (await listTips(ledger.db)).length;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const s = (await post(form({ t, what: `spam ${i}` }), '10.9.9.9')).status;
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBe(5);
    expect(statuses.get(429)).toBe(9_995);
    expect((await listTips(ledger.db)).length).toBe(before + 5);
    expect((await r.app.request(`/agency/${harris}/`)).status).toBe(200);
  });
});
