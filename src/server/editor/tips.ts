/**
 * The public tip form's endpoint (`POST /tips`, issue 18): a per-client limit checked first, in memory, before the
 * body is read or the database touched (a flood from one client costs a map lookup each); the body's size; then
 * the honeypot, the signed timing token, plain text and sizes (evidence/tips.ts); then the moderation queue. A bot
 * caught by the honeypot or the timing check is answered like a person, and nothing is stored. Also the fresh
 * timing token written into every served agency page (the cached page holds a mark).
 */
import type { Context, Hono } from 'hono';
import type { ServiceDeps } from '../../editors/deps.ts';
import { WindowLimit } from '../../editors/window-limit.ts';
import { issueTipToken } from '../../evidence/tip-token.ts';
import { clientKeyOf, readTipForm, receiveTip, TIP_MAX_BODY } from '../../evidence/tips.ts';
import type { Db } from '../../store/db.ts';
import { evidenceText } from '../../web/evidence-text.ts';
import type { Lang } from '../../web/i18n.ts';
import { TIP_TOKEN_MARK } from '../../web/pages/evidence/tip-form.tsx';

export interface TipDeps {
  db: Db;
  deps: ServiceDeps;
  secret: Uint8Array;
  /** Agency names of the current ledger version. */
  agencyNames: () => Promise<(agencyId: string) => string | undefined>;
  client: (c: Context) => string;
  base: string;
  cssHref: () => Promise<string>;
  /** Tips per client per window; default 5 per 10 minutes. */
  limit?: { max: number; windowMs: number };
}

/** The page with a fresh timing token in place of the mark (a no-op on a page without a tip form). */
export function withTipToken(html: string, secret: Uint8Array, nowMs: number): string {
  return html.includes(TIP_TOKEN_MARK) ? html.replace(TIP_TOKEN_MARK, issueTipToken(secret, nowMs)) : html;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function answerPage(
  lang: Lang,
  css: string,
  title: string,
  lines: string[],
  back?: [string, string],
): string {
  return (
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${esc(title)} · Reassess</title><link rel="stylesheet" href="${esc(css)}"></head><body>` +
    `<main id="main"><h1>${esc(title)}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}` +
    (back ? `<p><a href="${esc(back[0])}">${esc(back[1])}</a></p>` : '') +
    '</main></body></html>'
  );
}

export function tipRoutes(app: Hono, d: TipDeps): void {
  const limit = new WindowLimit(d.limit?.max ?? 5, d.limit?.windowMs ?? 10 * 60_000);
  app.post('/tips', async (c) => {
    const nowMs = d.deps.now().getTime();
    const key = clientKeyOf(d.client(c));
    const lang: Lang = c.req.query('lang') === 'es' ? 'es' : 'en';
    const e0 = evidenceText(lang);
    const gate = limit.hit(key, nowMs);
    if (!gate.allowed) {
      const minutes = String(Math.ceil(gate.retryAfter / 60));
      return c.html(
        answerPage(lang, await d.cssHref(), e0('tipProblemTitle'), [e0('tipTooMany', { minutes })]),
        429,
        {
          'Retry-After': String(gate.retryAfter),
          'Cache-Control': 'no-store',
        },
      );
    }
    const length = Number(c.req.header('Content-Length') ?? '0');
    const raw = length > TIP_MAX_BODY ? null : await c.req.text();
    if (raw === null || raw.length > TIP_MAX_BODY)
      return c.html(answerPage(lang, await d.cssHref(), e0('tipProblemTitle'), [e0('tipTooLarge')]), 413);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const l: Lang = form.lang === 'es' ? 'es' : 'en';
    const e = evidenceText(l);
    const agencyName = await d.agencyNames();
    const read = readTipForm(form, d.secret, nowMs, (id) => agencyName(id) !== undefined);
    const agency = form.agency ?? '';
    const name = agencyName(agency) ?? agency;
    const back: [string, string] = [
      `${d.base}${l === 'es' ? '/es' : ''}/agency/${encodeURIComponent(agency)}/#tip`,
      e('tipBack', { name }),
    ];
    const css = await d.cssHref();
    if (!read.ok && read.bot === 'honeypot')
      return c.html(answerPage(l, css, e('tipThanksTitle'), [e('tipThanks')], back), 200);
    if (!read.ok && read.bot)
      return c.html(answerPage(l, css, e('tipProblemTitle'), [e('tipTiming')], back), 400);
    if (!read.ok) {
      const fields = read.problems.map((p) => p.field).join(', ');
      return c.html(answerPage(l, css, e('tipProblemTitle'), [e('tipProblem', { fields })], back), 400);
    }
    await receiveTip(d.db, d.deps, { ...read.tip, clientKey: key });
    return c.html(answerPage(l, css, e('tipThanksTitle'), [e('tipThanks')], back), 200, {
      'Cache-Control': 'no-store',
    });
  });
}
