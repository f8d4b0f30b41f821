/** A dated change between two publications, with an ID that a rebuild gives again. */
import { createHash } from 'node:crypto';
import type { ListKind } from './types.ts';

export const EVENT_KINDS = [
  'added',
  'removed',
  'renamed',
  'moved',
  'model-added',
  'signed-date-changed',
  're-signed',
  'pending-to-signed',
  'returned',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export interface HistoryEvent {
  eventId: string;
  date: string;
  kind: EventKind;
  list: ListKind;
  agencyId: string;
  agreementId: string | null;
  publication: number;
  details: Record<string, string | number | boolean | null>;
}

export function eventId(kind: string, subject: string, date: string, extra = ''): string {
  return `evt-${createHash('sha256').update(`${kind}|${subject}|${date}|${extra}`).digest('hex').slice(0, 16)}`;
}
