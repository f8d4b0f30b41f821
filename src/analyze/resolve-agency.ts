/** `--agency ID_OR_NAME`: the one ledger agency it names, or a clear error listing the candidates. */
import { UsageError } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import { type AgencyMatch, findAgencies } from '../store/stop-datasets.ts';

export async function resolveAgency(db: Db, idOrName: string, state: string | null): Promise<AgencyMatch> {
  let found = await findAgencies(db, idOrName, state ?? undefined);
  if (found.length === 0 && state) found = await findAgencies(db, idOrName);
  if (found.length === 1) return found[0] as AgencyMatch;
  if (found.length === 0)
    throw new UsageError(`--agency: no agency in the ledger has the ID or name "${idOrName}"`);
  throw new UsageError(
    `--agency: "${idOrName}" names ${found.length} agencies: ${found.map((a) => `${a.agencyId} (${a.name}, ${a.state})`).join('; ')}`,
  );
}
