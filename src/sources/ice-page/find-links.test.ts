import { describe, expect, it } from 'vitest';
import { decodeAttribute, extractHrefs, findMoaLinks, findWorkbookLinks, labelOf } from './find-links.ts';

const PAGE = 'https://www.ice.gov/identify-and-arrest/287g';

describe('findWorkbookLinks', () => {
  it('finds the 2026 layout: absolute and root-relative links under /doclib', () => {
    const html = `<ul>
      <li><a href="https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05182026am.xlsx">Participating</a></li>
      <li><a class="usa-link" href="/doclib/about/offices/ero/287g/pendingAgencies02272026am.xlsx">Pending</a></li>
    </ul>`;
    expect(findWorkbookLinks(html, PAGE)).toEqual({
      participating: [
        'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05182026am.xlsx',
      ],
      pending: ['https://www.ice.gov/doclib/about/offices/ero/287g/pendingAgencies02272026am.xlsx'],
    });
  });

  it('finds moved and renamed files by pattern: relative paths, quotes, whitespace, &amp;, case', () => {
    const html = `<div>
      <a data-href="/ignored/participatingAgenciesX.xlsx" href = '../sites/default/files/documents/Document/2025/287gParticipatingAgencies091526pm.XLSX?v=2&amp;dl=1'>P</a>
      <A HREF="
          /sites/default/files/documents/Document/2025/ParticipatingAgency091826.xlsx ">P2</A>
      <a href=/sites/default/files/Pending-Agencies_2026.xlsx>Q</a>
      <a href="/sites/default/files/detention-stats.xlsx">decoy</a>
      <a href="/sites/default/files/participatingAgencies.pdf">decoy pdf</a>
    </div>`;
    expect(findWorkbookLinks(html, 'https://www.ice.gov/identify-and-arrest/287g')).toEqual({
      participating: [
        'https://www.ice.gov/sites/default/files/documents/Document/2025/287gParticipatingAgencies091526pm.XLSX?v=2&dl=1',
        'https://www.ice.gov/sites/default/files/documents/Document/2025/ParticipatingAgency091826.xlsx',
      ],
      pending: ['https://www.ice.gov/sites/default/files/Pending-Agencies_2026.xlsx'],
    });
  });

  it('de-duplicates (fragments ignored) and keeps document order', () => {
    const html = `
      <a href="/b/participatingAgencies2.xlsx">2</a>
      <a href="/a/participatingAgencies1.xlsx">1</a>
      <a href="https://www.ice.gov/b/participatingAgencies2.xlsx#sheet">2 again</a>
      <a href="/a/pendingAgencies1.xlsx">p</a>
      <a href="/a/pendingAgencies1.xlsx">p again</a>`;
    expect(findWorkbookLinks(html, PAGE)).toEqual({
      participating: [
        'https://www.ice.gov/b/participatingAgencies2.xlsx',
        'https://www.ice.gov/a/participatingAgencies1.xlsx',
      ],
      pending: ['https://www.ice.gov/a/pendingAgencies1.xlsx'],
    });
  });

  it('ignores commented-out and scripted links, and honours <base href>', () => {
    const html = `<head><base href="https://www.ice.gov/doclib/about/offices/ero/287g/"></head>
      <!-- <a href="participatingAgencies01012025am.xlsx">old</a> -->
      <script>document.write('<a href="participatingAgenciesJS.xlsx">')</script>
      <a href="participatingAgencies05182026am.xlsx">now</a>`;
    expect(findWorkbookLinks(html, PAGE).participating).toEqual([
      'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05182026am.xlsx',
    ]);
  });

  it('puts a name with both words in the pending list, once', () => {
    const html = '<a href="/x/pendingParticipatingAgencies.xlsx">x</a>';
    expect(findWorkbookLinks(html, PAGE)).toEqual({
      participating: [],
      pending: ['https://www.ice.gov/x/pendingParticipatingAgencies.xlsx'],
    });
  });

  it('unwraps SafeLinks and skips non-http links', () => {
    const wrapped = `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(
      'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies06122025am.xlsx',
    )}&amp;data=05%7C02`;
    const html = `<a href="${wrapped}">w</a><a href="mailto:participatingAgencies@ice.xlsx">m</a>
      <a href="javascript:void('participatingAgencies.xlsx')">j</a>`;
    expect(findWorkbookLinks(html, PAGE).participating).toEqual([
      'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies06122025am.xlsx',
    ]);
  });

  it('finds nothing on a page without workbook links', () => {
    expect(findWorkbookLinks('<p>No lists today</p><a href="/x.pdf">x</a>', PAGE)).toEqual({
      participating: [],
      pending: [],
    });
  });
});

describe('findMoaLinks', () => {
  it('keeps PDFs under 287gMOA-like folders and /doclib/287g, in order, once', () => {
    const html = `
      <a href="/doclib/287gMOA/ArcadiaPDFL_TFM_MOA_030425.pdf">a</a>
      <a href='https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf'>b</a>
      <a href="/doclib/287g/287gWSO_BakerCoFl2019-10-15.PDF">c</a>
      <a href="/sites/default/files/287g-moa/LeeCo_JEM_MOA.pdf">d</a>
      <a href="/doclib/news/factsheet.pdf">not an MOA</a>
      <a href="/doclib/287gMOA/ArcadiaPDFL_TFM_MOA_030425.pdf">a again</a>
      <a href="/doclib/287gMOA/readme.txt">not a pdf</a>`;
    expect(findMoaLinks(html, PAGE)).toEqual([
      'https://www.ice.gov/doclib/287gMOA/ArcadiaPDFL_TFM_MOA_030425.pdf',
      'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf',
      'https://www.ice.gov/doclib/287g/287gWSO_BakerCoFl2019-10-15.PDF',
      'https://www.ice.gov/sites/default/files/287g-moa/LeeCo_JEM_MOA.pdf',
    ]);
  });

  it('encodes spaces in hrefs', () => {
    expect(findMoaLinks('<a href="/doclib/287gMOA/Some County MOA.pdf">x</a>', PAGE)).toEqual([
      'https://www.ice.gov/doclib/287gMOA/Some%20County%20MOA.pdf',
    ]);
  });
});

describe('helpers', () => {
  it('decodes character references', () => {
    expect(decodeAttribute('a&amp;b&#38;c&#x26;d&quot;&unknown;')).toBe('a&b&c&d"&unknown;');
  });

  it('extracts hrefs in all quoting styles', () => {
    expect(extractHrefs(`<a href="a"><a href='b'><a href=c><a\nhref\n=\n"d">`)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('labels a file by its name without extension', () => {
    expect(
      labelOf('https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx'),
    ).toBe('participatingAgencies05162025am');
    expect(labelOf('https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf')).toBe(
      '287gJEM_ etowahCoAL_06-09-2020',
    );
    expect(labelOf('www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies.xlsx')).toBe(
      'participatingAgencies',
    );
    expect(labelOf('https://www.ice.gov/')).toBeNull();
  });
});
