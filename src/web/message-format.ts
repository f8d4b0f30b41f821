/**
 * Fills a message's placeholders, in the page's language, with the platform's Intl formatters: `{name}` takes a
 * value (a number is written with Intl.NumberFormat: `1,234` / `1234`), and `{n, plural, one {# list} other {#
 * lists}}` picks the branch of Intl.PluralRules' category for n (`=0 {…}` for an exact value first; `other` when
 * the category has no branch), with `#` the number formatted. Pure and small: the islands use it too.
 */

export type MessageLang = 'en' | 'es';
export type MessageVars = Record<string, string | number>;

const LOCALE: Record<MessageLang, string> = { en: 'en-US', es: 'es-US' };
const numbers = new Map<string, Intl.NumberFormat>();
const plurals = new Map<string, Intl.PluralRules>();

export function numberFormat(lang: MessageLang): Intl.NumberFormat {
  let f = numbers.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang]);
    numbers.set(lang, f);
  }
  return f;
}

export function pluralRules(lang: MessageLang): Intl.PluralRules {
  let r = plurals.get(lang);
  if (!r) {
    r = new Intl.PluralRules(LOCALE[lang]);
    plurals.set(lang, r);
  }
  return r;
}

/** The branches of a plural block's body: `one {…} other {…}` → { one: '…', other: '…' }. */
export function pluralBranches(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const m = /\s*(=\d+|[a-z]+)\s*\{/y;
    m.lastIndex = i;
    const hit = m.exec(body);
    if (!hit) break;
    let depth = 1;
    let j = m.lastIndex;
    for (; j < body.length && depth > 0; j++) {
      if (body[j] === '{') depth++;
      else if (body[j] === '}') depth--;
    }
    out[hit[1] as string] = body.slice(m.lastIndex, j - 1);
    i = j;
  }
  return out;
}

/** The end (index after the closing brace) of the block that opens at `start`. */
function blockEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i + 1;
  }
  return s.length;
}

function plural(
  lang: MessageLang,
  body: string,
  value: string | number | undefined,
  vars: MessageVars,
): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return body;
  const branches = pluralBranches(body);
  const text = branches[`=${n}`] ?? branches[pluralRules(lang).select(n)] ?? branches.other ?? '';
  return formatMessage(lang, text.replace(/#/g, numberFormat(lang).format(n)), vars);
}

/** A message with its placeholders filled (unknown placeholders stay as written). */
export function formatMessage(lang: MessageLang, message: string, vars: MessageVars = {}): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf('{', i);
    if (open < 0) break;
    out += message.slice(i, open);
    const end = blockEnd(message, open);
    const inner = message.slice(open + 1, end - 1);
    const m = /^\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?$/.exec(inner);
    const name = m?.[1];
    if (!m || !name || !(name in vars)) out += message.slice(open, end);
    else if (m[2] !== undefined) out += plural(lang, m[2], vars[name], vars);
    else {
      const v = vars[name] as string | number;
      out += typeof v === 'number' ? numberFormat(lang).format(v) : v;
    }
    i = end;
  }
  return out + message.slice(i);
}

/** The placeholders of a message (plain and plural, those inside plural branches too), each once. */
export function placeholders(message: string): { name: string; plural: boolean }[] {
  const out = new Map<string, boolean>();
  const walk = (text: string) => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      if (open < 0) return;
      const end = blockEnd(text, open);
      const m = /^\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?$/.exec(text.slice(open + 1, end - 1));
      if (m?.[1]) {
        const name = m[1];
        if (!out.get(name)) out.set(name, m[2] !== undefined);
        if (m[2] !== undefined) for (const branch of Object.values(pluralBranches(m[2]))) walk(branch);
      }
      i = end;
    }
  };
  walk(message);
  return [...out].map(([name, p]) => ({ name, plural: p }));
}
