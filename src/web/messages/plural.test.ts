/**
 * Every message in both languages, filled with the counts 0, 1, 2, 5 and 21: each count placeholder goes through
 * a plural block (Intl.PluralRules picks the branch), every number is written by Intl.NumberFormat, no placeholder
 * is left unfilled, and no noun disagrees with its number ("1 results", "1 días", "5 list").
 */
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang, MESSAGES, type MessageKey } from '../i18n.ts';
import { formatMessage, placeholders, pluralBranches, pluralRules } from '../message-format.ts';

const COUNTS = [0, 1, 2, 5, 21];

/** Placeholders that carry a count (the convention of message-format.ts). */
const COUNT_NAMES = new Set([
  'n',
  'count',
  'participating',
  'pending',
  'added',
  'removed',
  'agencies',
  'agreements',
  'counties',
  'residents',
  'zips',
  'files',
  'events',
  'lists',
  'days',
  // The stop-data analyses (issue 17): results and stops.
  'reported',
  'withheld',
  'loaded',
  'read',
  'quarantined',
]);

/** Count placeholders that are positions, not quantities ("Page 1 of 5"): no noun follows them. */
const POSITIONS: Partial<Record<MessageKey, string[]>> = { pageOf: ['n', 'total'] };

/** Singular and plural of the nouns messages count, per language. */
const NOUNS: Record<Lang, [string, string][]> = {
  en: [
    ['result', 'results'],
    ['day', 'days'],
    ['list', 'lists'],
    ['change', 'changes'],
    ['entry', 'entries'],
    ['agency', 'agencies'],
    ['agreement', 'agreements'],
    ['county', 'counties'],
    ['resident', 'residents'],
    ['file', 'files'],
    ['publication', 'publications'],
    ['ZIP code', 'ZIP codes'],
    ['event', 'events'],
    ['addition', 'additions'],
    ['removal', 'removals'],
    ['row', 'rows'],
    ['state', 'states'],
    ['participating list', 'participating lists'],
    ['pending list', 'pending lists'],
    ['stop', 'stops'],
  ],
  es: [
    ['resultado', 'resultados'],
    ['día', 'días'],
    ['lista', 'listas'],
    ['cambio', 'cambios'],
    ['entrada', 'entradas'],
    ['agencia', 'agencias'],
    ['acuerdo', 'acuerdos'],
    ['condado', 'condados'],
    ['residente', 'residentes'],
    ['archivo', 'archivos'],
    ['publicación', 'publicaciones'],
    ['código postal', 'códigos postales'],
    ['evento', 'eventos'],
    ['alta', 'altas'],
    ['baja', 'bajas'],
    ['fila', 'filas'],
    ['estado', 'estados'],
    ['parada', 'paradas'],
    ['leída', 'leídas'],
    ['apartada', 'apartadas'],
    ['retenido', 'retenidos'],
  ],
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The nouns that disagree with `n` right after it in `text` ("1 results"). */
function disagreements(lang: Lang, text: string, n: number): string[] {
  const num = escapeRe(new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'es-US').format(n));
  const one = pluralRules(lang).select(n) === 'one';
  const bad: string[] = [];
  for (const [singular, plural] of NOUNS[lang]) {
    const wrong = one ? plural : singular;
    const re = new RegExp(`(^|[^\\d.,])${num} ${escapeRe(wrong)}(?![\\p{L}])`, 'u');
    if (re.test(text)) bad.push(`${n} ${wrong}`);
  }
  return bad;
}

/** Every message filled: counts with `n`, the other placeholders with a word. */
function fill(lang: Lang, message: string, n: number): string {
  const vars: Record<string, string | number> = {};
  for (const p of placeholders(message)) vars[p.name] = COUNT_NAMES.has(p.name) || p.plural ? n : 'X';
  return formatMessage(lang, message, vars);
}

describe('messages and plurals', () => {
  it('has the same keys and placeholders in both languages', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES.es).sort()).toEqual(keys);
    for (const k of keys as MessageKey[]) {
      const names = (lang: Lang) =>
        placeholders(MESSAGES[lang][k])
          .map((p) => p.name)
          .sort();
      expect(names('es'), k).toEqual(names('en'));
    }
  });

  it('puts every count through a plural block with a branch for each category the counts reach', () => {
    const problems: string[] = [];
    for (const lang of LANGS)
      for (const [key, message] of Object.entries(MESSAGES[lang]) as [MessageKey, string][])
        for (const p of placeholders(message)) {
          if (!COUNT_NAMES.has(p.name) || POSITIONS[key]?.includes(p.name)) continue;
          if (!p.plural) {
            problems.push(`${lang}.${key}: {${p.name}} is a count outside a plural block`);
            continue;
          }
          const body = new RegExp(`\\{\\s*${p.name}\\s*,\\s*plural\\s*,`).exec(message);
          const branches = pluralBranches(message.slice((body?.index ?? 0) + (body?.[0].length ?? 0)));
          if (!('other' in branches)) problems.push(`${lang}.${key}: no "other" branch`);
          for (const n of COUNTS) {
            const cat = pluralRules(lang).select(n);
            if (!(cat in branches) && !(`=${n}` in branches) && cat !== 'other' && cat !== 'many')
              problems.push(`${lang}.${key}: no "${cat}" branch for ${n}`);
          }
        }
    expect(problems).toEqual([]);
  });

  it('fills every message for 0, 1, 2, 5 and 21 with formatted numbers and nouns that agree', () => {
    const problems: string[] = [];
    for (const lang of LANGS)
      for (const [key, message] of Object.entries(MESSAGES[lang]) as [MessageKey, string][])
        for (const n of COUNTS) {
          const text = fill(lang, message, n);
          if (/[{}]/.test(text)) problems.push(`${lang}.${key} (${n}): unfilled: ${text}`);
          if (text.includes('#')) problems.push(`${lang}.${key} (${n}): a # left: ${text}`);
          for (const d of disagreements(lang, text, n)) problems.push(`${lang}.${key}: "${d}" in: ${text}`);
        }
    expect(problems).toEqual([]);
  });

  it('writes large counts with the language’s grouping', () => {
    expect(formatMessage('en', '{n, plural, one {# list} other {# lists}}', { n: 12345 })).toBe(
      '12,345 lists',
    );
    expect(formatMessage('es', '{n, plural, one {# lista} other {# listas}}', { n: 1 })).toBe('1 lista');
    expect(formatMessage('es', '{n, plural, one {# lista} other {# listas}}', { n: 21 })).toBe('21 listas');
  });
});
