/**
 * Every word the site shows, in English and Spanish, plus number and date formatting. Pure (the islands import
 * it too). Messages take `{name}` placeholders; `t()` fills them (values are plain text, escaped by Preact or
 * set with textContent by the islands).
 */

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

const en = {
  siteName: 'Reassess',
  tagline: 'A public ledger of the U.S. 287(g) program, built from every list ICE has published.',
  skip: 'Skip to content',
  navHome: 'Map',
  navSearch: 'Search',
  navChanges: 'Changes',
  navData: 'Data & API',
  navMethodology: 'Methodology',
  navLabel: 'Main',
  switchTo: 'Español',
  switchToLabel: 'Leer esta página en español',
  freshness:
    'Data from ICE’s participating list of {pDate} (“{pLabel}”){pending}. Ledger last updated {updated}.',
  freshnessPending: ' and pending list of {date} (“{label}”)',
  freshnessEmpty: 'The ledger is empty: no ICE list has been ingested yet.',
  footerSources:
    'Sources: ICE 287(g) participating and pending agency lists (ice.gov, and their Internet Archive captures); county shapes from us-atlas (U.S. Census Bureau); FBI Law Enforcement Employees agency table; Census ACS table B03002.',
  footerFeeds: 'Feed of all changes (Atom)',
  footerLicense: 'Code under the MIT license. ICE lists are U.S. government works.',
  // Home
  homeTitle: '287(g) agreements across the United States',
  homeIntro:
    'Under section 287(g) of the Immigration and Nationality Act, ICE delegates immigration enforcement powers to state and local police, sheriffs and jails. This map shows every agency on ICE’s lists, as of any date since the first list this ledger holds.',
  headline: 'Headline numbers',
  statActive: 'active agreements',
  statAgencies: 'agencies with an active agreement',
  statStates: 'states and territories',
  statPending: 'agreements pending',
  statResidents: 'residents of counties whose sheriff or county jail holds an agreement',
  statHispanic: 'of them Hispanic or Latino',
  statAsOf: 'As of {date}.',
  statNoPopulation: 'Population figures are not loaded yet (Census ACS B03002).',
  mapTitle: 'Map of agreements by county',
  mapDesc:
    'Counties are shaded where the sheriff or county jail holds an agreement, coloured by 287(g) model. Dots mark city, state and other agencies. The table below holds the same data.',
  mapLoading: 'Loading the map…',
  mapNoScript: 'The map needs JavaScript; the table below holds the same data.',
  layers: 'Layers',
  layerModels: 'Models',
  layerStatus: 'Status',
  timeControl: 'Date',
  timeLabel: 'Show the program as of',
  play: 'Play history',
  pause: 'Pause',
  several: 'Several models',
  legend: 'Legend',
  tableSummary: 'Table of the agencies on the map',
  tableCaption: 'Agencies listed by ICE as of {date}',
  colAgency: 'Agency',
  colState: 'State',
  colCounty: 'County',
  colLevel: 'Level',
  colModels: 'Models',
  colStatus: 'Status',
  colDate: 'Date',
  colEvent: 'Change',
  colPublication: 'Publication',
  colCount: 'Count',
  growthTitle: 'Active agreements by model',
  growthDesc: 'Agreements in force on each participating list ICE published, stacked by model.',
  growthTable: 'Figures by month',
  colMonth: 'Month (first list)',
  latestChanges: 'Latest changes',
  allChanges: 'All changes',
  detailsHint: 'Select a county or a dot to see its agencies.',
  detailsNone: 'No 287(g) agreement in {name} on this date.',
  // Search
  searchTitle: 'Search',
  searchIntro:
    'Find an agency, a county or a state. Spelling mistakes are fine: the search looks for close matches.',
  searchLabel: 'Agency, county or state',
  searchButton: 'Search',
  searchNoResults: 'Nothing matches “{q}”.',
  searchResults: '{n} results for “{q}”',
  searchCountyNone: 'No 287(g) agreement in this county.',
  searchCountyHas: 'Agencies here hold agreements: {models}.',
  searchStateNone: 'No 287(g) agreement in this state.',
  searchNeedsJs: 'Type and press Enter.',
  typeAgency: 'Agency',
  typeCounty: 'County',
  typeState: 'State',
  // Agency
  agencyTitle: '{name}',
  agencyStatus: 'Status',
  agencyFirstSeen: 'First listed {date}',
  agencyAgreements: 'Agreements',
  agencyModel: 'Model',
  agencySignedPublished: 'Signed, as published',
  agencySigned: 'Signed, corrected',
  agencySignedRule: 'Rule: {rule}',
  agencyListed: 'Listed',
  agencyListedRange: '{from} – {to}',
  agencyListedOpen: 'since {from} (still listed)',
  agencyGaps: '{n} missing lists inside',
  agencyMoa: 'MOA (PDF)',
  agencyAddendum: 'Addendum (PDF)',
  agencyNoMoa: 'No MOA link published',
  agencyDaysToSign: '{n} days from the pending list to signing',
  agencySupersedes: 'Replaces agreement {id} (re-signed)',
  agencySupersededBy: 'Replaced by agreement {id} (re-signed)',
  agencyTimeline: 'Timeline',
  agencyNoEvents: 'No change recorded since it was first listed ({date}).',
  agencyListings: 'Listings',
  agencyEvents: 'Events',
  agencyJurisdiction: 'Jurisdiction',
  agencyLevel: 'Level',
  agencyCounties: 'Counties',
  agencyPlace: 'Place',
  agencyPopulation: 'Population',
  agencyHispanic: 'Hispanic or Latino',
  agencyOri: 'FBI ORI',
  agencyOriAmbiguous: 'several candidates: {list}',
  agencyOriNone: 'not matched',
  agencyPlacement: 'How it was placed: {method}, rule {rule}, confidence {confidence}',
  agencyUnplaced: 'Not placed on the map yet',
  agencyNames: 'Names ICE listed it under',
  agencyIdentity: 'Identity decisions',
  identityReviewed: 'reviewed',
  agencySource: 'From ICE’s {kind} list of {date}',
  agencyCorrection: 'Report a correction',
  agencyCorrectionText: 'See something wrong? Tell us, with a link to the evidence if you have one.',
  agencyCorrectionCopy: 'The report to send to this site’s operator (copy it)',
  agencyMerged: 'This agency was merged into {name}.',
  agencyNotFound: 'No agency has the ID {id}.',
  agencyId: 'Ledger ID',
  signedHistory: 'Signed date as published over time',
  // State
  stateTitle: '287(g) in {state}',
  stateMap: 'Counties of {state}',
  stateMapDesc: 'Counties shaded where the sheriff or county jail holds an agreement (as of {date}).',
  stateAgencies: 'Agencies',
  stateCounties: 'Counties',
  stateFigures: 'Figures',
  stateNone: 'No agency in {state} has ever been on ICE’s 287(g) lists in this ledger.',
  stateCountyNone: 'no agreement',
  stateChanges: 'Changes in {state}',
  stateNotFound: 'No state or territory has the code {code}.',
  allStates: 'States and territories',
  // Changes
  changesTitle: 'Changes',
  changesIntro:
    'Every change between two of ICE’s lists: agencies added or removed, pending agreements signed, renamings, moves and corrected dates.',
  filterFrom: 'From',
  filterTo: 'To',
  filterState: 'State',
  filterKind: 'Kind of change',
  filterAny: 'Any',
  filterApply: 'Filter',
  filterReset: 'Clear filters',
  changesCount: '{n} changes',
  changesNone: 'No change matches these filters.',
  pagePrev: 'Newer',
  pageNext: 'Older',
  pageOf: 'Page {n} of {total}',
  // Data
  dataTitle: 'Data and API',
  dataIntro: 'Everything on this site is available as files and through a read-only JSON API.',
  dataDownloads: 'Downloads',
  dataFile: 'File',
  dataFormat: 'Format',
  dataApi: 'API',
  dataApiText:
    'The API is read-only JSON under {base}. Its OpenAPI description lists every endpoint and field.',
  dataOpenapi: 'OpenAPI description (JSON)',
  dataFeeds: 'Feeds',
  dataFeedsText: 'Atom feeds of changes: all changes, one per state, one per agency (linked from its page).',
  dataNoDownloads: 'Downloads are not available in this build.',
  dataSize: 'Size',
  dataEndpoint: 'Endpoint',
  dataDescription: 'Description',
  dataExamples: 'Examples',
  // Methodology
  methTitle: 'Methodology',
  methIntro:
    'How the ledger is built, and every human judgement it applies. This page is generated from the reviewed data files the pipeline reads, so it always matches them.',
  methSources: 'Sources',
  methIdentity: 'Identity: one agency, one ID',
  methHistory: 'History: listings, removals and corrections',
  methReviewed: 'Reviewed files',
  methReviewedText:
    'Each row is a human decision with its evidence and review date. The pipeline reads these files on every run.',
  methRows: '{n} entries',
  methEmpty: 'No entry yet.',
  methQuarantined: 'Quarantined publications',
  methQuarantinedText: 'Lists kept in the ledger but never applied, with the reason.',
  methQuarantinedNone: 'No publication is quarantined.',
  methCaveats: 'Caveats',
  methPublications: 'Publications in the ledger',
  methPubCount: '{n} lists: {p} participating, {q} pending, from {from} to {to}.',
  // Generic
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address.',
  backHome: 'Back to the map',
  yes: 'yes',
  no: 'no',
  none: 'none',
  unknown: 'unknown',
  participating: 'participating',
  pendingList: 'pending',
};

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  siteName: 'Reassess',
  tagline:
    'Un registro público del programa 287(g) de EE. UU., construido con cada lista que ha publicado ICE.',
  skip: 'Saltar al contenido',
  navHome: 'Mapa',
  navSearch: 'Buscar',
  navChanges: 'Cambios',
  navData: 'Datos y API',
  navMethodology: 'Metodología',
  navLabel: 'Principal',
  switchTo: 'English',
  switchToLabel: 'Read this page in English',
  freshness:
    'Datos de la lista de agencias participantes de ICE del {pDate} («{pLabel}»){pending}. Registro actualizado por última vez el {updated}.',
  freshnessPending: ' y de la lista de pendientes del {date} («{label}»)',
  freshnessEmpty: 'El registro está vacío: todavía no se ha cargado ninguna lista de ICE.',
  footerSources:
    'Fuentes: listas de agencias participantes y pendientes del programa 287(g) de ICE (ice.gov y sus copias en Internet Archive); formas de los condados de us-atlas (Oficina del Censo); tabla de agencias del FBI (Law Enforcement Employees); tabla B03002 de la encuesta ACS del Censo.',
  footerFeeds: 'Canal de todos los cambios (Atom)',
  footerLicense: 'Código con licencia MIT. Las listas de ICE son obras del gobierno de EE. UU.',
  homeTitle: 'Acuerdos 287(g) en Estados Unidos',
  homeIntro:
    'Según la sección 287(g) de la Ley de Inmigración y Nacionalidad, ICE delega facultades de control migratorio a policías estatales y locales, alguaciles y cárceles. Este mapa muestra cada agencia de las listas de ICE, en cualquier fecha desde la primera lista que guarda este registro.',
  headline: 'Cifras principales',
  statActive: 'acuerdos activos',
  statAgencies: 'agencias con un acuerdo activo',
  statStates: 'estados y territorios',
  statPending: 'acuerdos pendientes',
  statResidents: 'residentes de condados cuyo alguacil o cárcel del condado tiene un acuerdo',
  statHispanic: 'de ellos, hispanos o latinos',
  statAsOf: 'Al {date}.',
  statNoPopulation: 'Las cifras de población aún no están cargadas (ACS B03002 del Censo).',
  mapTitle: 'Mapa de acuerdos por condado',
  mapDesc:
    'Los condados aparecen coloreados donde el alguacil o la cárcel del condado tiene un acuerdo, según el modelo 287(g). Los puntos marcan agencias municipales, estatales y otras. La tabla de abajo tiene los mismos datos.',
  mapLoading: 'Cargando el mapa…',
  mapNoScript: 'El mapa necesita JavaScript; la tabla de abajo tiene los mismos datos.',
  layers: 'Capas',
  layerModels: 'Modelos',
  layerStatus: 'Estado',
  timeControl: 'Fecha',
  timeLabel: 'Mostrar el programa al',
  play: 'Reproducir la historia',
  pause: 'Pausa',
  several: 'Varios modelos',
  legend: 'Leyenda',
  tableSummary: 'Tabla de las agencias del mapa',
  tableCaption: 'Agencias en las listas de ICE al {date}',
  colAgency: 'Agencia',
  colState: 'Estado',
  colCounty: 'Condado',
  colLevel: 'Nivel',
  colModels: 'Modelos',
  colStatus: 'Situación',
  colDate: 'Fecha',
  colEvent: 'Cambio',
  colPublication: 'Publicación',
  colCount: 'Número',
  growthTitle: 'Acuerdos activos por modelo',
  growthDesc: 'Acuerdos vigentes en cada lista de participantes publicada por ICE, apilados por modelo.',
  growthTable: 'Cifras por mes',
  colMonth: 'Mes (primera lista)',
  latestChanges: 'Cambios recientes',
  allChanges: 'Todos los cambios',
  detailsHint: 'Seleccione un condado o un punto para ver sus agencias.',
  detailsNone: 'Ningún acuerdo 287(g) en {name} en esta fecha.',
  searchTitle: 'Buscar',
  searchIntro:
    'Busque una agencia, un condado o un estado. No importa si hay errores de ortografía: la búsqueda encuentra nombres parecidos.',
  searchLabel: 'Agencia, condado o estado',
  searchButton: 'Buscar',
  searchNoResults: 'Nada coincide con «{q}».',
  searchResults: '{n} resultados para «{q}»',
  searchCountyNone: 'Ningún acuerdo 287(g) en este condado.',
  searchCountyHas: 'Hay agencias con acuerdos aquí: {models}.',
  searchStateNone: 'Ningún acuerdo 287(g) en este estado.',
  searchNeedsJs: 'Escriba y pulse Intro.',
  typeAgency: 'Agencia',
  typeCounty: 'Condado',
  typeState: 'Estado',
  agencyTitle: '{name}',
  agencyStatus: 'Situación',
  agencyFirstSeen: 'En la lista desde el {date}',
  agencyAgreements: 'Acuerdos',
  agencyModel: 'Modelo',
  agencySignedPublished: 'Firmado, según se publicó',
  agencySigned: 'Firmado, corregido',
  agencySignedRule: 'Regla: {rule}',
  agencyListed: 'En la lista',
  agencyListedRange: '{from} – {to}',
  agencyListedOpen: 'desde el {from} (sigue en la lista)',
  agencyGaps: '{n} listas en las que faltó',
  agencyMoa: 'Memorando de acuerdo (PDF)',
  agencyAddendum: 'Anexo (PDF)',
  agencyNoMoa: 'No se publicó enlace al memorando',
  agencyDaysToSign: '{n} días desde la lista de pendientes hasta la firma',
  agencySupersedes: 'Sustituye al acuerdo {id} (firmado de nuevo)',
  agencySupersededBy: 'Sustituido por el acuerdo {id} (firmado de nuevo)',
  agencyTimeline: 'Cronología',
  agencyNoEvents: 'Ningún cambio registrado desde que apareció por primera vez en la lista ({date}).',
  agencyListings: 'Periodos en las listas',
  agencyEvents: 'Eventos',
  agencyJurisdiction: 'Jurisdicción',
  agencyLevel: 'Nivel',
  agencyCounties: 'Condados',
  agencyPlace: 'Localidad',
  agencyPopulation: 'Población',
  agencyHispanic: 'Hispanos o latinos',
  agencyOri: 'ORI del FBI',
  agencyOriAmbiguous: 'varios candidatos: {list}',
  agencyOriNone: 'sin coincidencia',
  agencyPlacement: 'Cómo se ubicó: {method}, regla {rule}, confianza {confidence}',
  agencyUnplaced: 'Todavía no está ubicada en el mapa',
  agencyNames: 'Nombres con los que ICE la listó',
  agencyIdentity: 'Decisiones de identidad',
  identityReviewed: 'revisada',
  agencySource: 'Según la lista {kind} de ICE del {date}',
  agencyCorrection: 'Informar de una corrección',
  agencyCorrectionText: '¿Ve algún error? Díganoslo, con un enlace a la prueba si la tiene.',
  agencyCorrectionCopy: 'El informe para enviar a quien opera este sitio (cópielo)',
  agencyMerged: 'Esta agencia se fusionó con {name}.',
  agencyNotFound: 'Ninguna agencia tiene el identificador {id}.',
  agencyId: 'Identificador',
  signedHistory: 'Fecha de firma publicada a lo largo del tiempo',
  stateTitle: '287(g) en {state}',
  stateMap: 'Condados de {state}',
  stateMapDesc: 'Condados coloreados donde el alguacil o la cárcel del condado tiene un acuerdo (al {date}).',
  stateAgencies: 'Agencias',
  stateCounties: 'Condados',
  stateFigures: 'Cifras',
  stateNone: 'Ninguna agencia de {state} ha estado en las listas 287(g) de ICE en este registro.',
  stateCountyNone: 'sin acuerdo',
  stateChanges: 'Cambios en {state}',
  stateNotFound: 'Ningún estado o territorio tiene el código {code}.',
  allStates: 'Estados y territorios',
  changesTitle: 'Cambios',
  changesIntro:
    'Cada cambio entre dos listas de ICE: agencias añadidas o retiradas, acuerdos pendientes firmados, cambios de nombre, traslados y fechas corregidas.',
  filterFrom: 'Desde',
  filterTo: 'Hasta',
  filterState: 'Estado',
  filterKind: 'Tipo de cambio',
  filterAny: 'Cualquiera',
  filterApply: 'Filtrar',
  filterReset: 'Quitar filtros',
  changesCount: '{n} cambios',
  changesNone: 'Ningún cambio coincide con estos filtros.',
  pagePrev: 'Más recientes',
  pageNext: 'Más antiguos',
  pageOf: 'Página {n} de {total}',
  dataTitle: 'Datos y API',
  dataIntro:
    'Todo lo que muestra este sitio está disponible en archivos y mediante una API JSON de solo lectura.',
  dataDownloads: 'Descargas',
  dataFile: 'Archivo',
  dataFormat: 'Formato',
  dataApi: 'API',
  dataApiText:
    'La API es JSON de solo lectura bajo {base}. Su descripción OpenAPI enumera cada punto de acceso y cada campo.',
  dataOpenapi: 'Descripción OpenAPI (JSON)',
  dataFeeds: 'Canales',
  dataFeedsText:
    'Canales Atom de cambios: todos los cambios, uno por estado y uno por agencia (enlazado desde su página).',
  dataNoDownloads: 'Las descargas no están disponibles en esta versión.',
  dataSize: 'Tamaño',
  dataEndpoint: 'Punto de acceso',
  dataDescription: 'Descripción',
  dataExamples: 'Ejemplos',
  methTitle: 'Metodología',
  methIntro:
    'Cómo se construye el registro y cada decisión humana que aplica. Esta página se genera a partir de los archivos revisados que lee el proceso, así que siempre coincide con ellos.',
  methSources: 'Fuentes',
  methIdentity: 'Identidad: una agencia, un identificador',
  methHistory: 'Historia: listados, retiradas y correcciones',
  methReviewed: 'Archivos revisados',
  methReviewedText:
    'Cada fila es una decisión humana con su prueba y su fecha de revisión. El proceso lee estos archivos en cada ejecución.',
  methRows: '{n} entradas',
  methEmpty: 'Todavía no hay entradas.',
  methQuarantined: 'Publicaciones en cuarentena',
  methQuarantinedText: 'Listas que se guardan en el registro pero nunca se aplican, con el motivo.',
  methQuarantinedNone: 'Ninguna publicación está en cuarentena.',
  methCaveats: 'Advertencias',
  methPublications: 'Publicaciones en el registro',
  methPubCount: '{n} listas: {p} de participantes, {q} de pendientes, del {from} al {to}.',
  notFoundTitle: 'Página no encontrada',
  notFoundText: 'No hay ninguna página en esta dirección.',
  backHome: 'Volver al mapa',
  yes: 'sí',
  no: 'no',
  none: 'ninguno',
  unknown: 'desconocido',
  participating: 'de participantes',
  pendingList: 'de pendientes',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, es };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const m = MESSAGES[lang];
  return (key, vars) => {
    const s = m[key] ?? en[key];
    if (!vars) return s;
    return s.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
  };
}

const LOCALE: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

/**
 * The formatters, made once per language: each Intl formatter holds ICU objects outside the JavaScript heap, and
 * making one per formatted value (hundreds per page) grew the server's memory by about 5 MB a page render.
 */
const formatters = (lang: Lang) => ({
  number: new Intl.NumberFormat(LOCALE[lang]),
  date: new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }),
});
const FORMAT: Record<Lang, ReturnType<typeof formatters>> = { en: formatters('en'), es: formatters('es') };

export function formatNumber(lang: Lang, n: number): string {
  return FORMAT[lang].number.format(n);
}

/** `2026-05-18` → `May 18, 2026` / `18 de mayo de 2026` (calendar dates, no time zone shift). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return FORMAT[lang].date.format(d);
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
