import { readWorkbook } from '../src/sources/ice-workbook/read-workbook.ts';
import { openLedger } from '../src/store/connection.ts';
import { truncated } from './fixtures/xlsx-writer.ts';
import { icePublication, tempDir } from './support/ledgers.ts';
try { readWorkbook(truncated(icePublication({ kind: 'pending', modified: '2025-03-03T00:00:00Z', rows: [['TX', 'A PD', 'JEM']] })), { file: 'x' }); } catch (e) { console.log((e as { reason: string }).reason); }
const home = tempDir();
const a = await openLedger({ home });
try { const b = await openLedger({ home }); console.log('second open in same process SUCCEEDED'); await b.close(); } catch (e) { console.log('second open refused:', (e as Error).message); }
await a.close();
