/** Every field of an agreement, from its pages (text and layout) and sections. */
import type { DocumentFields, DocumentSection, PageLayout } from '../domain/document.ts';
import type { DocText } from './doc-text.ts';
import { agencyField, modelField, revisionField } from './fields-header.ts';
import { signatures } from './fields-signatures.ts';
import { appendixField, clauseField, contactsField, durationField, effectiveField } from './fields-terms.ts';

const TRAINING =
  /^(?:[IVX]+|[A-H])\s?\.\s*(?:TRAINING(?:\s+OF\s+PERSONNEL|\s+AND\s+ASSIGNMENTS)?|[A-Z ]*TRAINING)\b.*$/m;
const SUPERVISION = /^(?:[IVX]+|[A-H])\s?\.\s*(?:ICE\s+)?SUPERVISION\b.*$/m;

/**
 * Reads the fields. `complete` is false while some pages have no text yet (queued for OCR): absence-based
 * answers (no complaint appendix) are then withheld.
 */
export function readFields(
  d: DocText,
  layouts: Map<number, PageLayout>,
  sections: DocumentSection[],
  complete: boolean,
): DocumentFields {
  const signed = signatures(d, layouts);
  return {
    agencyName: agencyField(d),
    model: modelField(d),
    templateRevision: revisionField(d),
    signatures: signed,
    effectiveDate: effectiveField(d, sections, signed),
    duration: durationField(d, sections),
    pointsOfContact: contactsField(d, sections),
    complaintAppendix: appendixField(d, sections, /complaint/, complete),
    publicInformationAppendix: appendixField(d, sections, /public-information/, complete),
    trainingClause: clauseField(d, TRAINING, 'training'),
    supervisionClause: clauseField(d, SUPERVISION, 'supervision'),
  };
}
