import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import { assertNoDtd } from './xml.ts';

const check = (xml: string) => () => assertNoDtd(xml, 'f.xlsx', 'xl/worksheets/sheet1.xml');

describe('assertNoDtd (only the prolog can declare a DTD)', () => {
  it.each([
    ['at the start', '<!DOCTYPE a [<!ENTITY x "y">]><a/>'],
    ['after the XML declaration', '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a/>'],
    ['after a comment', '<?xml version="1.0"?><!-- a comment --><!DOCTYPE a><a/>'],
    ['after a processing instruction', '<?xml version="1.0"?><?pi x?>\n<!DOCTYPE a><a/>'],
    [
      'after 10,000 characters of comment',
      `<?xml version="1.0"?><!--${'x'.repeat(10_000)}--><!DOCTYPE a><a/>`,
    ],
    ['behind an unclosed comment', '<?xml version="1.0"?><!-- <!DOCTYPE a><a/>'],
  ])('refuses a DTD %s', (_what, xml) => {
    expect(check(xml)).toThrow(InputError);
    expect(check(xml)).toThrow(/declares a DTD or entities/);
  });

  it('accepts documents without one, whatever their text says', () => {
    expect(check('<?xml version="1.0"?><worksheet><v>&lt;!ENTITY</v></worksheet>')).not.toThrow();
    expect(check('<?xml version="1.0"?>\n<!-- prolog --><worksheet/>')).not.toThrow();
    expect(check('')).not.toThrow();
  });
});
