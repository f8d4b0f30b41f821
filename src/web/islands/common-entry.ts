import { initLang } from './common.ts';

initLang();
