/** The ledger's one database handle type: a connection or a transaction (a Kysely Transaction is a Kysely). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
