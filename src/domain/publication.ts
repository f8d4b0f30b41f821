/** Figures of one publication (one ICE list as published). */
import type { Model } from './types.ts';

/** Counts for one publication, as published (quarantined ones included). */
export interface PubSummary {
  rows: number;
  agreements: number;
  models: Record<Model, number>;
  states: number;
}
