/**
 * The methodology's words, generated from the rule constants of the history fold (so they cannot drift): what each
 * reviewed file decides, and the identity rules, history rules and caveats, in both languages.
 */
import { RENEWAL_DAYS } from '../../../history/fold.ts';
import { SIZE_DROP_RATIO } from '../../../history/gate.ts';
import { REMOVAL_CONFIRM } from '../../../history/types.ts';
import type { Lang } from '../../i18n.ts';

/** What each reviewed file decides (files added later are listed with their name only). */
export const FILE_ABOUT: Record<Lang, Record<string, string>> = {
  en: {
    stateCorrections: 'State names ICE misspelled, and the state they stand for.',
    nameAbbreviations: 'Abbreviations expanded before agency names are compared (PD → police department).',
    agencyAliases: 'Pairs of names reviewed as the same agency, or as two distinct agencies.',
    knownBadPublications: 'ICE files kept but never applied (quarantine), or released after review.',
    publicationDatePolicy: 'The earliest date a list can carry, and how far ahead of today a date may be.',
    signedDateCorrections: 'Signed dates ICE published wrongly, with the corrected date.',
    countyCorrections: 'County names ICE listed wrongly, and the county meant.',
    geographyOverrides: 'Agencies whose place (level, counties, ORI) was decided by hand.',
    multiCountyMembers:
      'Bodies that serve several counties (regional jails, judicial circuits and their prosecutors, multi-county task forces) and their member counties, each with the statute or site that says so, quoted.',
  },
  es: {
    stateCorrections: 'Nombres de estados mal escritos por ICE y el estado al que corresponden.',
    nameAbbreviations:
      'Abreviaturas que se expanden antes de comparar nombres de agencias (PD → police department).',
    agencyAliases: 'Pares de nombres revisados como la misma agencia o como dos agencias distintas.',
    knownBadPublications:
      'Archivos de ICE guardados pero nunca aplicados (cuarentena), o liberados tras una revisión.',
    publicationDatePolicy:
      'La fecha más temprana que puede llevar una lista, y cuánto puede adelantarse una fecha a hoy.',
    signedDateCorrections: 'Fechas de firma publicadas con error por ICE, con la fecha corregida.',
    countyCorrections: 'Nombres de condados mal indicados por ICE y el condado correcto.',
    geographyOverrides: 'Agencias cuya ubicación (nivel, condados, ORI) se decidió a mano.',
    multiCountyMembers:
      'Organismos que sirven a varios condados (cárceles regionales, circuitos judiciales y sus fiscalías, grupos de trabajo de varios condados) y sus condados miembros, cada uno con la ley o el sitio que lo dice, citado.',
  },
};

export function rules(lang: Lang): { identity: string[]; history: string[]; caveats: string[] } {
  const removal = REMOVAL_CONFIRM;
  const renewal = RENEWAL_DAYS;
  const drop = Math.round(SIZE_DROP_RATIO * 100);
  if (lang === 'es')
    return {
      identity: [
        'Cada agencia recibe un identificador estable (agy-…) la primera vez que aparece; no cambia si ICE la renombra, corrige una errata o la lista en otro estado. Los nombres posteriores son alias.',
        'Los nombres se comparan tras normalizarlos: mayúsculas, puntuación, «&», apóstrofos y las abreviaturas del archivo revisado.',
        'Una agencia nueva hereda un identificador solo con pruebas, en este orden: una decisión guardada, el archivo revisado de alias, la misma clave en el mismo estado, el mismo documento (una agencia que sale de la lista cuando llega el nombre nuevo con el mismo archivo de memorando o adenda, el mismo modelo y la misma fecha de firma), un traslado entre estados con el mismo modelo y fecha de firma, un cambio de nombre (una sola agencia del mismo estado y modelo sale de la lista cuando llega el nombre nuevo) o una ortografía casi idéntica de una agencia que no está en la lista al mismo tiempo. Los casos dudosos quedan para revisión humana.',
        'Dos nombres que aparecen en la misma lista son dos agencias, salvo que sean formas de un mismo nombre: «Sheriff’s Office» / «Sheriff’s Department» (un condado tiene un solo sheriff), un sufijo «(Addendum)» (una marca de la fila, no parte del nombre) o una palabra genérica mal escrita («Departent»). Nombres con números distintos (Pct. 1 / Pct. 4) nunca se unen.',
        'Una errata en el nombre (una o dos letras) es la misma agencia cuando la agencia de nombre correcto sale de la lista al llegar la errata, en el mismo estado y condado, con el mismo modelo y el mismo documento o fecha de firma. Cada unión y cada negativa a unir guarda su motivo.',
        'Cada acuerdo (agr-…) es una agencia, un modelo 287(g) y una generación: una nueva firma empieza una generación nueva.',
        'Un acuerdo sigue a su documento: si ICE lo imprime con otro nombre de agencia pero con el mismo archivo de memorando o adenda, el mismo modelo y la misma fecha de firma, es el mismo acuerdo y conserva su identificador, con un cambio de nombre que cita el documento, sin retirada ni alta. Si el nombre anterior salió de la lista, el nuevo es otro nombre de la misma agencia; si sigue en la lista con otros acuerdos, son dos agencias y el acuerdo pasa a la del nombre nuevo. Un documento impreso también en una fila que sigue en la lista no prueba nada.',
      ],
      history: [
        'Las listas se aplican en el orden en que ICE las guardó (la hora de guardado del propio archivo).',
        `Un acuerdo que falta en una o dos listas seguidas sigue vigente (hueco); si falta en ${removal}, se da por retirado desde la primera lista en que faltó.`,
        `Una lista de participantes con menos de la mitad (${drop} %) de filas que la última buena se pone en cuarentena: se guarda y se informa, pero no se aplica.`,
        'Una lista con una fecha imposible también se pone en cuarentena: anterior a la primera lista del programa, posterior a hoy (más dos días de margen) o anterior a una firma que ella misma incluye. Ninguna lista se compara con una así.',
        `Una nueva firma no es una corrección: si un acuerdo aparece con otra fecha de firma y otro documento de memorando, o con otra fecha tras faltar en una o dos listas, o (sin documento) con una fecha más de ${renewal} días posterior, es un acuerdo nuevo que sustituye al anterior (evento «nueva firma» con los dos documentos). Una fecha distinta con el mismo documento es una corrección. Un acuerdo ya retirado que vuelve con otra fecha es un acuerdo nuevo que no sustituye al retirado: este conserva su retirada en la lista en que desapareció.`,
        'Se guarda cada valor publicado de la fecha de firma, el valor corregido y la regla aplicada; una fecha en blanco conserva la última conocida.',
      ],
      caveats: [
        'El registro solo sabe lo que ICE publicó y lo que se conserva de esas listas: entre dos listas no se ve nada, y hay periodos sin copias.',
        'Las fechas de la historia son las de las listas, no las de la firma de los acuerdos.',
        'La ubicación de algunas agencias (municipales, regionales, de campus) se deduce del nombre y de la tabla del FBI; la confianza de cada ubicación se muestra en su página.',
        'Un organismo que sirve a varios condados (una cárcel regional, la fiscalía de un circuito judicial) cuenta en cada condado miembro según el archivo revisado de miembros; sin una fuente leída para sus miembros queda sin ubicar, con el motivo.',
        'Las cifras de población son las del condado completo (ACS B03002), no las de la jurisdicción exacta de la agencia.',
      ],
    };
  return {
    identity: [
      'Every agency gets a stable ID (agy-…) the first time it appears; it does not change when ICE renames the agency, fixes a typo or lists it under another state. Later names are aliases.',
      'Names are compared after normalization: case, punctuation, “&”, apostrophes and the abbreviations of the reviewed file.',
      'A new name inherits an ID only on evidence, in this order: a stored decision, the reviewed alias file, the same key in the same state, the same document (an agency that left the list as the new name arrived with the same MOA or addendum file, model and signed date), a move between states with the same model and signed date, a rename (exactly one agency of the same state and model left the list as the new name arrived), or a near-identical spelling of an agency not listed at the same time. Doubtful cases go to human review.',
      'Two names listed in the same publication are two agencies, unless they are forms of one name: “Sheriff’s Office” / “Sheriff’s Department” (a county has one sheriff), an “(Addendum)” suffix (a flag of the row, not part of the name) or a misspelt generic word (“Departent”). Names with different numbers (Pct. 1 / Pct. 4) never match.',
      'A typo (one or two letters) is the same agency when the correctly spelled agency leaves the list as the typo arrives, in the same state and county, with the same model and the same document or signed date. Every merge and every refusal to merge keeps its reason.',
      'Each agreement (agr-…) is one agency, one 287(g) model and one generation: a re-signing starts a new generation.',
      'An agreement follows its document: when ICE prints it under another agency label with the same MOA or addendum file, model and signed date, it is the same agreement and keeps its ID, with a rename that names the document, and no removal or addition. If the old label left the list, the new label is another name of the same agency; if the old label stays listed with other agreements, they are two agencies and the agreement moves to the new label’s. A document also printed on a row that stays listed proves nothing.',
    ],
    history: [
      'Lists are applied in the order ICE saved them (the workbook’s own last-saved time).',
      `An agreement missing from one or two lists in a row is still listed (a gap); missing from ${removal}, it is removed as of the first list that missed it.`,
      `A participating list with fewer than half (${drop}%) the rows of the last good one is quarantined: kept and reported, never applied.`,
      'A list whose date cannot be right is quarantined too: before the program’s first list, after today (plus two days of clock skew), or before an agreement signing it lists itself. No list is judged against such a list.',
      `Re-signing is not a correction: when an agreement is listed with another signed date and another MOA document, or with another date after missing one or two lists, or (with no document) with a date more than ${renewal} days later, it is a new agreement that supersedes the old one (a “re-signed” event naming both documents). Another date with the same document is a correction. An agreement already removed that comes back with another date is a new agreement that does not supersede it: the old one keeps its removal on the list where it vanished.`,
      'Every published value of the signed date is kept, with the corrected value and the rule applied; a blank signed date carries the last known one forward.',
    ],
    caveats: [
      'The ledger only knows what ICE published and what survives of those lists: nothing is seen between two lists, and some periods have no copy.',
      'Dates in the history are list dates, not the dates agreements were signed.',
      'Where some agencies are (city, regional, campus) is inferred from their name and the FBI table; each placement’s confidence is shown on its page.',
      'A body serving several counties (a regional jail, a judicial circuit’s prosecutor) counts in every member county of the reviewed membership file; without a source read for its members it stays unplaced, with the reason.',
      'Population figures are for whole counties (ACS B03002), not the agency’s exact jurisdiction.',
    ],
  };
}
