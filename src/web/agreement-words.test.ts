/** Agreements in one plain sentence, in both languages. */
import { describe, expect, it } from 'vitest';
import { type AgreementFacts, agreementSentence } from './agreement-words.ts';
import { translator } from './i18n.ts';

const BEGIN = { participating: '2021-03-31', pending: '2025-01-10' };
const BAKER: AgreementFacts = {
  model: 'WSO',
  status: 'active',
  signed: '2019-10-15',
  firstListed: '2021-03-31',
  lastListed: '2025-05-02',
  firstPending: null,
  firstParticipating: '2021-03-31',
};

describe('agreementSentence', () => {
  it('says when it was signed and that our records begin with the first list that shows it', () => {
    expect(agreementSentence(translator('en'), 'en', BAKER, BEGIN)).toBe(
      'Warrant Service Officer agreement signed October 15, 2019; on ICE’s list since our records begin in March 2021.',
    );
    expect(agreementSentence(translator('es'), 'es', BAKER, BEGIN)).toBe(
      'Acuerdo del modelo «Oficial de servicio de órdenes» firmado el 15 de octubre de 2019; en la lista de ICE desde que empiezan nuestros registros, en marzo de 2021.',
    );
  });

  it('gives the list date of a later agreement, and says so when ICE published no signing date', () => {
    const later = {
      ...BAKER,
      model: 'JEM',
      signed: null,
      firstListed: '2025-02-20',
      firstParticipating: '2025-02-20',
    };
    expect(agreementSentence(translator('en'), 'en', later, BEGIN)).toBe(
      'Jail Enforcement Model agreement (ICE has not published when it was signed); on ICE’s list since February 20, 2025.',
    );
  });

  it('words pending, removed and replaced agreements', () => {
    const t = translator('en');
    const pending = {
      ...BAKER,
      status: 'pending',
      signed: null,
      firstPending: '2025-03-03',
      firstParticipating: null,
    };
    expect(agreementSentence(t, 'en', pending, BEGIN)).toBe(
      'Warrant Service Officer agreement requested: on ICE’s list of pending agreements since March 3, 2025.',
    );
    const removed = { ...BAKER, status: 'removed', lastListed: '2024-06-30' };
    expect(agreementSentence(t, 'en', removed, BEGIN)).toBe(
      'Warrant Service Officer agreement signed October 15, 2019; on ICE’s list from March 31, 2021 to June 30, 2024, then taken off it.',
    );
    const replaced = { ...BAKER, status: 'superseded' };
    expect(agreementSentence(translator('es'), 'es', replaced, BEGIN, '2025-02-01')).toBe(
      'Acuerdo del modelo «Oficial de servicio de órdenes» firmado el 15 de octubre de 2019; sustituido por un acuerdo nuevo firmado el 1 de febrero de 2025.',
    );
  });
});
