/** The script of every page: the language memory and the tables (sort, filter, downloads). */
import { initLang } from './common.ts';
import { initTables } from './tables.ts';

initTables(initLang());
