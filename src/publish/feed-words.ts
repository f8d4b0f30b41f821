/**
 * The words of the Atom feeds (feeds.ts) in English and Spanish: a feed's title and subtitle, and each entry's title
 * and summary. The English words are the feeds' original ones; the Spanish feeds (`/es/feeds/…`) use the pages'
 * labels (web/i18n.ts) for kinds of change, models and lists. Names of agencies and states stay as ICE and the
 * Census Bureau write them. The evidence feed's fixed words too; an evidence record's own title and summary stay as
 * its editor wrote them, in one language.
 */
import type { TEvent } from '../api/schemas.ts';
import type { PublicRecord } from '../read/evidence.ts';
import type { LedgerView } from '../read/model.ts';
import { stateByUsps } from '../reference/us-states.ts';
import type { ChangeFilter } from '../web/change-filter.ts';
import { EVENT_LABEL, formatDate, type Lang, LIST_LABEL, MODEL_LABEL } from '../web/i18n.ts';

export const FEED_SUBTITLE: Record<Lang, string> = {
  en: "Changes in ICE's published 287(g) lists, compiled by Reassess",
  es: 'Cambios en las listas 287(g) que publica ICE, recopilados por Reassess',
};

const EVERY: Record<Lang, string> = { en: 'every change', es: 'todos los cambios' };
const PROGRAM: Record<Lang, string> = { en: '287(g) agreements', es: 'Acuerdos 287(g)' };

const stateName = (usps: string) => stateByUsps(usps)?.name ?? usps;

/** The title of the national feed, or of a state's (`usps`). */
export function allTitle(lang: Lang, usps?: string): string {
  const where = usps ? (lang === 'es' ? ` en ${stateName(usps)}` : ` in ${stateName(usps)}`) : '';
  return `${PROGRAM[lang]}${where}: ${EVERY[lang]}`;
}

/** A changes feed's title: what its filter keeps, in words ("… changes in Texas: Warrant Service Officer, Removed"). */
export function changesTitle(f: ChangeFilter, lang: Lang): string {
  const es = lang === 'es';
  const parts = [
    f.model ? `${f.model} (${MODEL_LABEL[lang][f.model] ?? f.model})` : '',
    f.kind ? (EVENT_LABEL[lang][f.kind] ?? f.kind) : '',
    f.from ? `${es ? 'desde' : 'from'} ${f.from}` : '',
    f.to ? `${es ? 'hasta' : 'to'} ${f.to}` : '',
  ].filter(Boolean);
  const where = f.state ? `${es ? ' en' : ' in'} ${stateName(f.state)}` : '';
  const what = parts.length ? `${es ? 'cambios' : 'changes'}, ${parts.join(', ')}` : EVERY[lang];
  return `${PROGRAM[lang]}${where}: ${what}`;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const MOVED_ES: Record<string, string> = { state: 'estado', county: 'condado', type: 'tipo' };

/** An event's title in Spanish, built like its English title (read/describe.ts) from the pages' labels. */
export function spanishEventTitle(e: TEvent): string {
  const who = `${e.name ?? 'Agencia sin nombre'}${e.state ? ` (${e.state})` : ''}`;
  const model = e.model ?? str(e.details.model);
  const withModel = model ? `${who}, ${MODEL_LABEL.es[model] ?? model}` : who;
  const pending = e.list === 'pending' && e.kind !== 'pending-to-signed' ? ` (${LIST_LABEL.es.pending})` : '';
  const kind = `${EVENT_LABEL.es[e.kind] ?? e.kind}${pending}`;
  const d = e.details;
  switch (e.kind) {
    case 'renamed':
      return `${kind}: ${str(d.from) ?? 'desconocido'} → ${str(d.to) ?? e.name ?? 'desconocido'}${e.state ? ` (${e.state})` : ''}`;
    case 'moved': {
      const parts = Object.entries(d)
        .filter(([, v]) => typeof v === 'string' && v.includes('>'))
        .map(([k, v]) => `${MOVED_ES[k] ?? k} ${(v as string).replace('>', ' → ')}`);
      return `${kind}: ${who}${parts.length ? `, ${parts.join(', ')}` : ''}`;
    }
    case 're-signed':
      return `${kind}: ${withModel}${str(d.to) ? `, nuevo acuerdo firmado el ${formatDate('es', str(d.to))}` : ''}`;
    case 'signed-date-changed':
      return `${kind}: ${withModel}${d.from || d.to ? `, ${str(d.from) ?? '?'} → ${str(d.to) ?? '?'}` : ''}`;
    default:
      return `${kind}: ${withModel}`;
  }
}

/** An entry's title and summary (the title, the list, the publication it was seen in, the agreement). */
export function entryWords(e: TEvent, view: LedgerView, lang: Lang): { title: string; summary: string } {
  const pub = view.publicationById.get(e.publication);
  if (lang === 'es') {
    const title = spanishEventTitle(e);
    const seen = pub
      ? `Visto en la ${LIST_LABEL.es[pub.kind] ?? pub.kind} de ICE del ${formatDate('es', pub.date)} (publicación ${pub.publicationId}).`
      : '';
    const parts = [`${title}.`, `Lista: ${LIST_LABEL.es[e.list] ?? e.list}.`, seen];
    if (e.agreementId) parts.push(`Acuerdo ${e.agreementId}.`);
    return { title, summary: parts.filter(Boolean).join(' ') };
  }
  const summary = [
    e.title,
    `List: ${e.list}.`,
    pub ? `Seen in ICE's ${pub.kind} list of ${pub.date} (publication ${pub.publicationId}).` : '',
    e.agreementId ? `Agreement ${e.agreementId}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { title: e.title, summary };
}

export const EVIDENCE_TITLE: Record<Lang, string> = {
  en: '287(g) agencies: evidence records',
  es: 'Agencias 287(g): registros de pruebas',
};

export const EVIDENCE_SUBTITLE: Record<Lang, string> = {
  en: 'Reviewed, sourced records of civil-rights history, compiled by Reassess',
  es: 'Registros revisados y con fuentes del historial de derechos civiles, recopilados por Reassess',
};

/**
 * An evidence entry's title and summary: the record's words, marked when retracted, with its agency, date, the
 * retraction's reason and its sources. English dates stay YYYY-MM-DD, as the feed always wrote them.
 */
export function evidenceEntryWords(r: PublicRecord, lang: Lang): { title: string; summary: string } {
  const es = lang === 'es';
  const date = (iso: string) => (es ? formatDate('es', iso) : iso.slice(0, 10));
  const retracted = r.retracted
    ? `${es ? 'Retirado el' : 'Retracted on'} ${date(r.retracted.at)}: ${r.retracted.reason}`
    : '';
  const summary = [
    `${r.agencyName} (${r.state}), ${date(r.date)}.`,
    r.summary,
    retracted,
    `${es ? 'Fuentes' : 'Sources'}: ${r.sources.map((s) => s.url).join(' ')}`,
  ]
    .filter(Boolean)
    .join('\n');
  const title = r.retracted ? `${es ? 'Retirado' : 'Retracted'}: ${r.title}` : r.title;
  return { title, summary };
}
