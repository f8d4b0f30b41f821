/**
 * The words of the evidence pages, the agency page's Evidence section and the tip form (issue 18), in English and
 * Spanish: labels of record kinds, statuses, the ACLU's four criteria and the DOJ-guidance checklist items. Kept
 * apart from i18n.ts so the evidence work stays in its own files; same `{name}` placeholders.
 */
import type { Criterion, EvidenceKind, EvidenceStatus } from '../domain/evidence.ts';
import type { Lang } from './i18n.ts';

const en = {
  navEvidence: 'Evidence',
  evidenceTitle: 'Evidence',
  evidenceIntro:
    'Documented events in this agency’s civil-rights record, each with its sources and the passage relied on, grouped by the four criteria of the ACLU’s report License to Abuse (2022). A record appears only after a second editor has reviewed it.',
  evidenceNone: 'No reviewed record for this agency yet. Know of one? Tell us with the form below.',
  evidenceCountyNote:
    'Records about the county’s sheriff’s office from before it appeared in ICE’s lists are shown here by county.',
  evidenceSources: 'Sources',
  evidenceSourceDate: 'published {date}',
  evidenceNoDate: 'date not shown',
  evidenceArchived: 'archived copy sha256 {sha}',
  evidenceArchivedCopy: 'archived copy of {date}',
  evidenceByline: 'Written by {editor} ({edited}); reviewed and published by {reviewer} ({reviewed}).',
  evidenceRetracted: 'Retracted on {date}. Why: {reason}',
  evidenceStatusLabel: 'Status',
  evidenceKindLabel: 'Kind',
  evidenceChecklistLabel: 'DOJ guidance checklist items',
  evidenceOther: 'Other records',
  evidenceLink: 'Permanent link',
  evidenceAgency: 'Agency',
  evidencePageTitle: 'Evidence: civil-rights records of 287(g) agencies',
  evidencePageIntro:
    'Findings, court rulings, lawsuits, deaths in custody, inspections and statements about agencies that hold or held a 287(g) agreement. Every record is dated, sourced with the passage it relies on, and published only after a second editor has reviewed it. Retracted records stay, marked, with the reason.',
  evidenceMethod:
    'Kinds, statuses and criteria: the ACLU’s four criteria (racial profiling or civil-rights violations; jail conditions or mistreatment; anti-immigrant statements by agency leaders; advocacy of inhumane policy or misinformation) and the 16 items of the Justice Department’s 2023 guidance read as an agency checklist.',
  evidenceFilters: 'Filter the records',
  evidenceAll: 'All',
  evidenceCriterion: 'Criterion',
  evidenceState: 'State',
  evidenceFrom: 'From',
  evidenceTo: 'To',
  evidenceApply: 'Show',
  evidenceCount: '{n} record(s)',
  evidenceEmpty: 'No published record matches.',
  evidenceFeed: 'Feed of new and retracted records (Atom)',
  evidenceNotFound: 'There is no published record {id}.',
  tipTitle: 'Tell us: a correction or a record',
  tipIntro:
    'Report a mistake on this page, or tell us about an event in this agency’s record. Editors read every message; nothing you send is published as it is. Plain text only.',
  tipKind: 'What is it about?',
  tipKindCorrection: 'A mistake on this page',
  tipKindRecord: 'An event in this agency’s record (a finding, a lawsuit, a death in custody, a statement…)',
  tipWhat: 'What happened, or what is wrong?',
  tipPlace: 'Where and when (optional)',
  tipSource: 'Link to a source (optional, http:// or https://)',
  tipContact: 'Your email or phone, if we may ask you about it (optional; kept private, never published)',
  tipHoneypot: 'Leave this field empty',
  tipSend: 'Send to the editors',
  tipThanksTitle: 'Thank you',
  tipThanks:
    'Your message is in the editors’ queue. It is not published as it is: an editor reads it and checks any record against its sources first.',
  tipBack: 'Back to {name}',
  tipProblemTitle: 'Your message was not sent',
  tipProblem: 'Please check: {fields}. Your text is below; send it again.',
  tipTooMany: 'Too many messages from your connection. Please try again in {minutes} minute(s).',
  tipTiming: 'This form was sent too quickly, or from a page opened too long ago. Please send it again.',
  tipTooLarge: 'This message is too long. Please shorten it.',
  fieldWhat: 'what happened (up to 4,000 characters, at most 5 links)',
  fieldPlace: 'where and when (up to 300 characters)',
  fieldSource: 'the link (http:// or https://)',
  fieldContact: 'your contact (up to 300 characters)',
  fieldAgency: 'the agency',
};

type Key = keyof typeof en;

const es: Record<Key, string> = {
  navEvidence: 'Pruebas',
  evidenceTitle: 'Pruebas',
  evidenceIntro:
    'Hechos documentados en el historial de derechos civiles de esta agencia, cada uno con sus fuentes y el pasaje en que se basa, agrupados según los cuatro criterios del informe License to Abuse de la ACLU (2022). Un registro aparece solo después de que una segunda persona editora lo ha revisado.',
  evidenceNone:
    'Todavía no hay registros revisados de esta agencia. ¿Conoce alguno? Cuéntenos con el formulario de abajo.',
  evidenceCountyNote:
    'Los registros sobre la oficina del sheriff del condado anteriores a su aparición en las listas de ICE se muestran aquí por condado.',
  evidenceSources: 'Fuentes',
  evidenceSourceDate: 'publicado el {date}',
  evidenceNoDate: 'fecha no indicada',
  evidenceArchived: 'copia archivada sha256 {sha}',
  evidenceArchivedCopy: 'copia archivada del {date}',
  evidenceByline: 'Redactado por {editor} ({edited}); revisado y publicado por {reviewer} ({reviewed}).',
  evidenceRetracted: 'Retirado el {date}. Motivo: {reason}',
  evidenceStatusLabel: 'Estado',
  evidenceKindLabel: 'Tipo',
  evidenceChecklistLabel: 'Puntos de la guía del Departamento de Justicia',
  evidenceOther: 'Otros registros',
  evidenceLink: 'Enlace permanente',
  evidenceAgency: 'Agencia',
  evidencePageTitle: 'Pruebas: historial de derechos civiles de las agencias 287(g)',
  evidencePageIntro:
    'Hallazgos, fallos judiciales, demandas, muertes bajo custodia, inspecciones y declaraciones sobre agencias que tienen o tuvieron un acuerdo 287(g). Cada registro tiene fecha, fuentes con el pasaje en que se basa, y se publica solo después de que una segunda persona editora lo ha revisado. Los registros retirados se mantienen, marcados, con el motivo.',
  evidenceMethod:
    'Tipos, estados y criterios: los cuatro criterios de la ACLU (perfil racial o violaciones de derechos civiles; condiciones de la cárcel o maltrato; declaraciones antiinmigrantes de los líderes de la agencia; defensa de políticas inhumanas o desinformación) y los 16 puntos de la guía de 2023 del Departamento de Justicia leídos como lista de control de una agencia.',
  evidenceFilters: 'Filtrar los registros',
  evidenceAll: 'Todos',
  evidenceCriterion: 'Criterio',
  evidenceState: 'Estado (EE. UU.)',
  evidenceFrom: 'Desde',
  evidenceTo: 'Hasta',
  evidenceApply: 'Mostrar',
  evidenceCount: '{n} registro(s)',
  evidenceEmpty: 'Ningún registro publicado coincide.',
  evidenceFeed: 'Canal de registros nuevos y retirados (Atom)',
  evidenceNotFound: 'No hay ningún registro publicado {id}.',
  tipTitle: 'Cuéntenos: una corrección o un registro',
  tipIntro:
    'Informe de un error en esta página o cuéntenos un hecho del historial de esta agencia. El equipo editor lee cada mensaje; nada de lo que envíe se publica tal cual. Solo texto sin formato.',
  tipKind: '¿De qué se trata?',
  tipKindCorrection: 'Un error en esta página',
  tipKindRecord:
    'Un hecho del historial de esta agencia (un hallazgo, una demanda, una muerte bajo custodia, una declaración…)',
  tipWhat: '¿Qué pasó o qué está mal?',
  tipPlace: 'Dónde y cuándo (opcional)',
  tipSource: 'Enlace a una fuente (opcional, http:// o https://)',
  tipContact:
    'Su correo o teléfono, si podemos preguntarle sobre esto (opcional; se mantiene privado, nunca se publica)',
  tipHoneypot: 'Deje este campo vacío',
  tipSend: 'Enviar al equipo editor',
  tipThanksTitle: 'Gracias',
  tipThanks:
    'Su mensaje está en la cola del equipo editor. No se publica tal cual: una persona editora lo lee y contrasta cualquier registro con sus fuentes primero.',
  tipBack: 'Volver a {name}',
  tipProblemTitle: 'Su mensaje no se envió',
  tipProblem: 'Revise: {fields}. Su texto está abajo; envíelo de nuevo.',
  tipTooMany: 'Demasiados mensajes desde su conexión. Inténtelo de nuevo en {minutes} minuto(s).',
  tipTiming:
    'Este formulario se envió demasiado rápido o desde una página abierta hace demasiado tiempo. Envíelo de nuevo, por favor.',
  tipTooLarge: 'Este mensaje es demasiado largo. Acórtelo, por favor.',
  fieldWhat: 'qué pasó (hasta 4.000 caracteres, como mucho 5 enlaces)',
  fieldPlace: 'dónde y cuándo (hasta 300 caracteres)',
  fieldSource: 'el enlace (http:// o https://)',
  fieldContact: 'su contacto (hasta 300 caracteres)',
  fieldAgency: 'la agencia',
};

export type EvidenceText = (key: Key, vars?: Record<string, string | number>) => string;

export function evidenceText(lang: Lang): EvidenceText {
  const m = lang === 'es' ? es : en;
  return (key, vars) => m[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`));
}

export const KIND_LABELS: Record<Lang, Record<EvidenceKind, string>> = {
  en: {
    'doj-findings': 'Justice Department investigation or findings',
    'court-ruling': 'Court ruling, injunction, consent decree or settlement',
    lawsuit: 'Lawsuit filed',
    'death-in-custody': 'Death in custody',
    inspection: 'Inspection or audit finding',
    'official-statement': 'Official statement',
    'agency-policy': 'Agency policy',
    'data-release': 'Data release',
    reporting: 'Investigative reporting',
    'federal-action': 'Federal action on the 287(g) agreement',
  },
  es: {
    'doj-findings': 'Investigación o hallazgos del Departamento de Justicia',
    'court-ruling': 'Fallo judicial, mandato, decreto de consentimiento o acuerdo',
    lawsuit: 'Demanda presentada',
    'death-in-custody': 'Muerte bajo custodia',
    inspection: 'Resultado de inspección o auditoría',
    'official-statement': 'Declaración oficial',
    'agency-policy': 'Política de la agencia',
    'data-release': 'Publicación de datos',
    reporting: 'Periodismo de investigación',
    'federal-action': 'Medida federal sobre el acuerdo 287(g)',
  },
};

export const STATUS_LABELS: Record<Lang, Record<EvidenceStatus, string>> = {
  en: {
    alleged: 'Alleged',
    found: 'Found by the authority named',
    settled: 'Settled',
    dismissed: 'Dismissed or rejected',
    ongoing: 'Ongoing',
    recorded: 'On record (an action or statement)',
  },
  es: {
    alleged: 'Denunciado',
    found: 'Comprobado por la autoridad indicada',
    settled: 'Resuelto por acuerdo',
    dismissed: 'Desestimado o rechazado',
    ongoing: 'En curso',
    recorded: 'Consta (una medida o declaración)',
  },
};

export const CRITERION_LABELS: Record<Lang, Record<Criterion, string>> = {
  en: {
    profiling: 'Racial profiling or civil-rights violations',
    'jail-conditions': 'Jail conditions or mistreatment',
    statements: 'Anti-immigrant statements by agency leaders',
    'policy-advocacy': 'Advocacy of inhumane policy or misinformation',
  },
  es: {
    profiling: 'Perfil racial o violaciones de derechos civiles',
    'jail-conditions': 'Condiciones de la cárcel o maltrato',
    statements: 'Declaraciones antiinmigrantes de los líderes de la agencia',
    'policy-advocacy': 'Defensa de políticas inhumanas o desinformación',
  },
};

/** The DOJ 2023 guidance as 16 checklist items (short titles; reassessment.md has the full wording). */
export const CHECKLIST_LABELS: Record<Lang, string[]> = {
  en: [
    'Policy bans relying on protected traits except specific suspect information',
    'No generalized stereotypes or proxies',
    'Routine stops, checkpoints and jail screening not chosen or prolonged by protected traits',
    'Nationality used only where immigration law makes it an element',
    'Checkpoint siting and patrols justified by race-neutral data',
    'Policy covers everyone doing delegated immigration work',
    '287(g) officers told in writing that the federal guidance binds them',
    'Training on the guidance',
    'Stop, search, arrest and detainer data collected',
    'Bias complaints tracked',
    'Compliance assessed with data',
    'Data published or shared',
    'An official owns compliance; periodic audits',
    'Supervisory review and discipline',
    'External oversight',
    'Remedy history: findings, decrees, injunctions, settlements, jail deaths',
  ],
  es: [
    'La política prohíbe basarse en rasgos protegidos salvo información específica sobre un sospechoso',
    'Sin estereotipos generalizados ni sustitutos',
    'Paradas, retenes y revisión en la cárcel no elegidos ni prolongados por rasgos protegidos',
    'Nacionalidad usada solo donde la ley de inmigración la hace un elemento',
    'Ubicación de retenes y patrullas justificada con datos neutrales',
    'La política cubre a todo el personal con funciones migratorias delegadas',
    'Agentes 287(g) informados por escrito de que la guía federal los obliga',
    'Capacitación sobre la guía',
    'Se recogen datos de paradas, registros, arrestos y órdenes de retención',
    'Registro de quejas por sesgo',
    'Cumplimiento evaluado con datos',
    'Datos publicados o compartidos',
    'Un responsable del cumplimiento; auditorías periódicas',
    'Supervisión y disciplina',
    'Supervisión externa',
    'Historial de medidas: hallazgos, decretos, mandatos, acuerdos, muertes en la cárcel',
  ],
};
