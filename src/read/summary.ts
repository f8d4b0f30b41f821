/** The ledger's headline counts (publications, agreements by status and model, agencies, the review queue). */

import { reviewQueue } from '../ingest/review-queue.ts';
import { countAgencies } from '../store/agencies.ts';
import { agreementStatuses } from '../store/agreements.ts';
import type { Db } from '../store/db.ts';
import { listSnapshots } from '../store/publications.ts';

export async function ledgerSummary(db: Db) {
  const snaps = await listSnapshots(db);
  const latest = (k: string) => [...snaps].reverse().find((s) => s.kind === k && s.status !== 'quarantined');
  const agreements = await agreementStatuses(db);
  const count = (f: (a: (typeof agreements)[number]) => boolean) => agreements.filter(f).length;
  return {
    publications: snaps.length,
    quarantined: snaps.filter((s) => s.status === 'quarantined').length,
    latestParticipating: latest('participating') ?? null,
    latestPending: latest('pending') ?? null,
    agreements: {
      active: count((a) => a.status === 'active'),
      pending: count((a) => a.status === 'pending'),
      removed: count((a) => a.status === 'removed'),
      byModel: {
        JEM: count((a) => a.status === 'active' && a.model === 'JEM'),
        WSO: count((a) => a.status === 'active' && a.model === 'WSO'),
        TFM: count((a) => a.status === 'active' && a.model === 'TFM'),
      },
      states: new Set(agreements.filter((a) => a.status === 'active').map((a) => a.state)).size,
    },
    agencies: await countAgencies(db),
    reviewQueue: (await reviewQueue(db)).length,
  };
}
