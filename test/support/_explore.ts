import { ingest } from '../../src/pipeline/ingest.ts';
import { listSnapshots, listAgreements, listChanges, reviewQueue, findAgencies, diffPublications } from '../../src/store/queries.ts';
import { icePublication, fillerRows, openPgliteLedger, type IceRow } from './ledgers.ts';
const base = fillerRows(22);
const P = (d: string, extra: IceRow[], drop: string[] = []) => icePublication({ kind: 'participating', modified: `${d}T15:00:00Z`, rows: [...base.filter(r => !drop.some(x => (r as string[])[1]!.startsWith(x))), ...extra] });
const Q = (d: string, rows: IceRow[]) => icePublication({ kind: 'pending', modified: `${d}T15:05:00Z`, rows });
const gulf: IceRow = ['MS', 'Gulfport Police Department', 'TFM', '2025-02-10'];
const gulf2: IceRow = ['MS', 'City of Gulfport Police Dept.', 'TFM', '2025-02-10'];
const smith: IceRow = ['FL', 'Marion County Sheriff Office', 'WSO', '2025-01-20'];
const smith2: IceRow = ['FL', 'Marion County Sheriffs Office and Jail', 'WSO', '2025-01-20'];
const pendA: IceRow = ['OK', 'Tulsa Police Department', 'TFM'];
const pendB: IceRow = ['OK', 'Norman Police Department', 'WSO'];
const pubs = [
  P('2025-03-03', [gulf, smith]),
  Q('2025-03-03', [pendA, pendB]),
  P('2025-03-10', [gulf2, smith, ['OK', 'Tulsa Police Department', 'TFM', '2025-03-07']], ["Anderson"]),
  Q('2025-03-10', [pendB]),
  P('2025-03-17', [gulf2, smith2, ['OK', 'Tulsa Police Department', 'TFM', '2025-03-07'], ['AL', 'Baldwin County Sheriff Office', 'JEM', '2025-03-12']], ["Anderson"]),
  P('2025-03-24', [gulf2, smith2, ['OK', 'Tulsa Police Department', 'TFM', '2025-03-07'], ['AL', 'Baldwin County Sheriff Office', 'JEM', '2025-03-12']], ["Anderson"]),
];
const { ledger } = await openPgliteLedger();
const r = await ingest(ledger, pubs.map((bytes, i) => ({ bytes, file: `p${i}.xlsx` })), { now: () => new Date('2025-04-01T00:00:00Z') });
console.log(JSON.stringify(r.inputs), r.gates, r.history);
console.log(await listSnapshots(ledger.db));
console.log((await listAgreements(ledger.db)).filter(a => !a.name.includes('County Sheriff\'s')).map(a => [a.name, a.model, a.status, JSON.stringify(a.intervals)]));
console.log((await listAgreements(ledger.db)).filter(a => a.name.includes('Anderson')).map(a => [a.name, a.model, a.status, JSON.stringify(a.intervals)]));
console.log((await listChanges(ledger.db, '2025-01-01')).map(e => [e.date, e.kind, e.list, e.name, JSON.stringify(e.details)]));
console.log(await reviewQueue(ledger.db));
console.log(await findAgencies(ledger.db, 'Gulfport'), await findAgencies(ledger.db, 'gulfport police department', 'MS'));
console.log(JSON.stringify(await diffPublications(ledger.db, 'participating', '2025-03-03', '2025-03-10')));
await ledger.close();
