import { describe, expect, it } from 'vitest';
import { pageText, terminalCell, terminalText } from './display-text.ts';

const ESC = 'Red \u001b[31mAlert\u001b[0m PD';
const RLO = 'Evil \u202eFDP Sheriff';

describe('terminalText', () => {
  it('shows controls, separators and bidi formatting escaped; keeps tab, line feed and everything else', () => {
    expect(terminalText(ESC)).toBe('Red \\u001b[31mAlert\\u001b[0m PD');
    expect(terminalText(RLO)).toBe('Evil \\u202eFDP Sheriff');
    expect(terminalText('a\rb\u0000c\u007fd\u009be\u2028f\u2066g\u200fh')).toBe(
      'a\\u000db\\u0000c\\u007fd\\u009be\\u2028f\\u2066g\\u200fh',
    );
    expect(terminalText('line one\n\tline two — Doña Ana, شرطة')).toBe(
      'line one\n\tline two — Doña Ana, شرطة',
    );
  });

  it('keeps a table cell on one line', () => {
    expect(terminalCell('a\nb\tc\u001b')).toBe('a\\u000ab\\u0009c\\u001b');
  });
});

describe('pageText', () => {
  it('leaves controls and bidi embeddings, overrides and isolates out', () => {
    expect(pageText(ESC)).toBe('Red [31mAlert[0m PD');
    expect(pageText(RLO)).toBe('Evil FDP Sheriff');
    // A name's own isolate or pop cannot close the isolation around it: they are left out too.
    expect(pageText('a\u2069\u202eb')).toBe('ab');
  });

  it('isolates right-to-left text (FSI … PDI, as <bdi>) and leaves other text as it is', () => {
    expect(pageText('شرطة Dearborn')).toBe('\u2068شرطة Dearborn\u2069');
    expect(pageText('עיר PD')).toBe('\u2068עיר PD\u2069');
    expect(pageText('x\u200fy')).toBe('\u2068x\u200fy\u2069');
    for (const s of ['Harris County', "O'Brien <b> & Co", 'Doña Ana — 2025', 'a\nb\tc', ''])
      expect(pageText(s)).toBe(s);
  });
});
