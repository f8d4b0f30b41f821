import { describe, expect, it } from 'vitest';
import { cleanLink, documentName } from '../normalize/link.ts';
import { documentKeys, documentOf, matchByDocument } from './documents.ts';

const ICE = 'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf';

describe('documents as identity evidence', () => {
  it('reads the file name of a link however ICE wrapped it', () => {
    const wrapped = [
      ICE,
      `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(ICE)}&data=05%7C02`,
      `chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${ICE}`,
      'https:/www.ice.gov/doclib/287gMOA/287gJEM_ etowahCoAL_06-09-2020.PDF',
    ];
    for (const raw of wrapped)
      expect(documentName(cleanLink(raw).url), raw).toBe('287gjem_etowahcoal_06-09-2020.pdf');
    expect(documentName('https://www.ice.gov/doclib/about/offices/ero/287g/')).toBeNull();
    expect(documentName(null)).toBeNull();
    expect(documentName('https://www.ice.gov/doclib/287gMOA/bad%zz.pdf')).toBe('bad%zz.pdf');
  });

  it('keys a row by model, signed date and each linked PDF; nothing without all three', () => {
    const row = { model: 'WSO', signed: '2025-02-26', moaUrl: ICE, addendumUrl: `${ICE}#x` };
    expect(documentKeys(row)).toEqual(['WSO|2025-02-26|287gjem_etowahcoal_06-09-2020.pdf']);
    expect(documentOf(documentKeys(row)[0] as string)).toBe('287gjem_etowahcoal_06-09-2020.pdf');
    expect(documentKeys({ ...row, signed: null })).toEqual([]);
    expect(documentKeys({ ...row, model: null })).toEqual([]);
    expect(documentKeys({ ...row, moaUrl: null, addendumUrl: null })).toEqual([]);
  });

  it('matches one candidate only, and never through a shared document', () => {
    const keys = ['WSO|2025-02-26|a.pdf'];
    const a = { id: 'a', keys: ['WSO|2025-02-26|a.pdf'] };
    const b = { id: 'b', keys: ['WSO|2025-02-26|b.pdf'] };
    const twin = { id: 'twin', keys: ['WSO|2025-02-26|a.pdf'] };
    const by = (c: { keys: string[] }) => c.keys;
    expect(matchByDocument(keys, [a, b], by, new Set())?.match).toBe(a);
    expect(matchByDocument(keys, [a, twin], by, new Set())).toBeNull();
    expect(matchByDocument(keys, [a, b], by, new Set(['a.pdf']))).toBeNull();
    expect(matchByDocument(['TFM|2025-02-26|a.pdf'], [a], by, new Set())).toBeNull();
    expect(matchByDocument([], [a], by, new Set())).toBeNull();
  });
});
