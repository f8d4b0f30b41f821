import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../domain/errors.ts';
import { type Capture, captureInstant, captureUrl, cdxQueryUrl, parseCdxJson, waybackDigest } from './cdx.ts';

const HEADER = ['timestamp', 'original', 'statuscode', 'digest', 'mimetype', 'length'];
const ORIG = 'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies.xlsx';

describe('parseCdxJson', () => {
  it('reads rows by the header row and drops non-200 and malformed rows', () => {
    const text = JSON.stringify([
      HEADER,
      ['20250222170855', ORIG, '200', 'AAAA', 'application/vnd.ms-excel', '29728'],
      ['20250223000000', ORIG, '-', 'BBBB', 'warc/revisit', '-'],
      ['20250224000000', ORIG, '404', 'CCCC', 'text/html', '512'],
      ['2025', ORIG, '200', 'DDDD', 'x', '1'],
      'not a row',
    ]);
    expect(parseCdxJson(text)).toEqual([
      {
        timestamp: '20250222170855',
        original: ORIG,
        statusCode: 200,
        digest: 'AAAA',
        mimeType: 'application/vnd.ms-excel',
        length: 29728,
      },
    ]);
  });

  it('follows the header order, whatever it is', () => {
    const text = JSON.stringify([
      ['original', 'digest', 'timestamp', 'statuscode'],
      [ORIG, 'XYZ', '20250301120000', '200'],
    ]);
    expect(parseCdxJson(text)).toEqual([
      {
        timestamp: '20250301120000',
        original: ORIG,
        statusCode: 200,
        digest: 'XYZ',
        mimeType: null,
        length: null,
      },
    ]);
  });

  it('treats an empty body or [] as no captures and rejects non-JSON', () => {
    expect(parseCdxJson('')).toEqual([]);
    expect(parseCdxJson(' []\n')).toEqual([]);
    expect(() => parseCdxJson('<html>busy</html>')).toThrow(FetchError);
    expect(() => parseCdxJson('{"a":1}')).toThrow(/not an array/);
  });
});

describe('urls', () => {
  it('builds the index query', () => {
    const url = new URL(
      cdxQueryUrl('https://web.archive.org/cdx/search/cdx', 'www.ice.gov/doclib/x/participatingAgencies', {
        from: '2025',
        to: '20260101',
        limit: 5,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://web.archive.org/cdx/search/cdx');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      url: 'www.ice.gov/doclib/x/participatingAgencies*',
      output: 'json',
      fl: 'timestamp,original,statuscode,digest,mimetype,length',
      filter: 'statuscode:200',
      collapse: 'digest',
      from: '2025',
      to: '20260101',
      limit: '5',
    });
  });

  it('gives the raw id_ form of a capture', () => {
    const c: Capture = {
      timestamp: '20250222170855',
      original: ORIG,
      statusCode: 200,
      digest: '',
      mimeType: null,
      length: null,
    };
    expect(captureUrl('https://web.archive.org', c)).toBe(
      `https://web.archive.org/web/20250222170855id_/${ORIG}`,
    );
    expect(captureUrl('https://web.archive.org/', c)).toBe(
      `https://web.archive.org/web/20250222170855id_/${ORIG}`,
    );
    expect(captureInstant('20250222170855')).toBe('2025-02-22T17:08:55Z');
  });

  it("computes the archive's digest (base32 SHA-1)", () => {
    expect(waybackDigest(createHash('sha1').update('').digest())).toBe('3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ');
  });
});
