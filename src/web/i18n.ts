/**
 * Every word the site shows (messages/en.ts, messages/es.ts), number and date formatting, and the labels of models,
 * statuses, levels and events. Pure (the islands import it too). Messages take `{name}` placeholders and
 * `{n, plural, one {…} other {…}}` blocks (message-format.ts); `t()` fills them (values are plain text, escaped by
 * Preact or set with textContent by the islands).
 */

import { formatMessage, numberFormat } from './message-format.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

export type MessageKey = keyof typeof en;

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, es };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const m = MESSAGES[lang];
  return (key, vars) => formatMessage(lang, m[key] ?? en[key], vars);
}

const LOCALE: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

/**
 * The formatters, made once per language: each Intl formatter holds ICU objects outside the JavaScript heap, and
 * making one per formatted value (hundreds per page) grew the server's memory by about 5 MB a page render.
 */
const formatters = (lang: Lang) => ({
  number: numberFormat(lang),
  percent: new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }),
  date: new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  monthLong: new Intl.DateTimeFormat(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
});
const FORMAT: Record<Lang, ReturnType<typeof formatters>> = { en: formatters('en'), es: formatters('es') };

export function formatNumber(lang: Lang, n: number): string {
  return FORMAT[lang].number.format(n);
}

/** `0.42` → `42%` / `42 %` (whole percent). */
export function formatPercent(lang: Lang, share: number): string {
  return FORMAT[lang].percent.format(share);
}

/** `2026-05-18` → `May 18, 2026` / `18 de mayo de 2026` (calendar dates, no time zone shift). */
/** Formatted dates by language and ISO date: a site prints the same few thousand dates hundreds of thousands of times. */
const DATES: Record<Lang, Map<string, string>> = { en: new Map(), es: new Map() };

export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  const memo = DATES[lang];
  let out = memo.get(iso);
  if (out === undefined) {
    const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    out = Number.isNaN(d.getTime()) ? iso : FORMAT[lang].date.format(d);
    if (memo.size < 100_000) memo.set(iso, out);
  }
  return out;
}

/** `2021-03-31` → `March 2021` / `marzo de 2021`. */
export function formatMonthLong(lang: Lang, iso: string): string {
  return FORMAT[lang].monthLong.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));
}

export function formatMonth(lang: Lang, iso: string): string {
  return FORMAT[lang].month.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));
}

export const MODEL_LABEL: Record<Lang, Record<string, string>> = {
  en: { JEM: 'Jail Enforcement Model', WSO: 'Warrant Service Officer', TFM: 'Task Force Model' },
  es: {
    JEM: 'Modelo de control en cárceles',
    WSO: 'Oficial de servicio de órdenes',
    TFM: 'Modelo de fuerza de tarea',
  },
};

export const STATUS_LABEL: Record<Lang, Record<string, string>> = {
  en: { active: 'Active', pending: 'Pending', removed: 'Removed', superseded: 'Replaced (re-signed)' },
  es: {
    active: 'Activo',
    pending: 'Pendiente',
    removed: 'Retirado',
    superseded: 'Sustituido (firmado de nuevo)',
  },
};

export const LEVEL_LABEL: Record<Lang, Record<string, string>> = {
  en: {
    state: 'State agency',
    sheriff: 'Sheriff or county jail',
    county: 'County agency',
    municipal: 'City or town',
    campus: 'Campus',
    district: 'District',
    regional: 'Regional',
    'multi-county': 'Several counties',
    port: 'Port or airport',
    facility: 'Facility',
    other: 'Other',
    '': 'Not placed',
  },
  es: {
    state: 'Agencia estatal',
    sheriff: 'Alguacil o cárcel del condado',
    county: 'Agencia del condado',
    municipal: 'Ciudad o pueblo',
    campus: 'Campus',
    district: 'Distrito',
    regional: 'Regional',
    'multi-county': 'Varios condados',
    port: 'Puerto o aeropuerto',
    facility: 'Instalación',
    other: 'Otro',
    '': 'Sin ubicar',
  },
};

export const EVENT_LABEL: Record<Lang, Record<string, string>> = {
  en: {
    added: 'Added',
    removed: 'Removed',
    returned: 'Returned',
    'pending-to-signed': 'Signed (was pending)',
    'model-added': 'Model added',
    'signed-date-changed': 'Signed date changed',
    're-signed': 'Re-signed',
    renamed: 'Renamed',
    moved: 'Moved',
  },
  es: {
    added: 'Añadida',
    removed: 'Retirada',
    returned: 'Regresó',
    'pending-to-signed': 'Firmado (estaba pendiente)',
    'model-added': 'Nuevo modelo',
    'signed-date-changed': 'Cambio de fecha de firma',
    're-signed': 'Nueva firma',
    renamed: 'Cambio de nombre',
    moved: 'Traslado',
  },
};

export const LIST_LABEL: Record<Lang, Record<string, string>> = {
  en: { participating: 'participating list', pending: 'pending list' },
  es: { participating: 'lista de participantes', pending: 'lista de pendientes' },
};

export function label(
  table: Record<Lang, Record<string, string>>,
  lang: Lang,
  key: string | null | undefined,
) {
  if (!key) return '';
  return table[lang][key] ?? key;
}
