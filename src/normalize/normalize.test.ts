/**
 * Property tests for the normalizers: each one is checked against generated inputs (fast-check) and against the
 * exact dirty values the real pack contains (MANIFEST.md, "Quirks").
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanText, isMissing } from '../domain/text.ts';
import type { ListKind, RawCell, RawRow } from '../domain/types.ts';
import { foldRows, summarize } from '../history/fold-rows.ts';
import { toFoldRow } from '../history/types.ts';
import { rowSignature } from '../sources/ice-workbook/read-workbook.ts';
import { agencyKey, displayName } from './agency-name.ts';
import { normalizeJurisdictionType } from './jurisdiction-type.ts';
import { cleanLink } from './link.ts';
import { normalizePublication } from './listing.ts';
import { MODEL_NAMES, normalizeModel } from './model.ts';
import { normalizeSigned, serialToDate } from './signed-date.ts';
import { normalizeState, STATES } from './state.ts';

const RUNS = { numRuns: 300 };
const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** Whitespace of every kind ICE's cells carry: spaces, NBSP, tabs, newlines, zero-width and ideographic spaces. */
const SPACE_CHARS = [
  ' ',
  '  ',
  '\u00a0',
  '\t',
  '\n',
  '\r\n',
  '\u2009',
  '\u200b',
  '\u202f',
  '\u3000',
  '\ufeff',
];
const spaceRun = fc
  .array(fc.constantFrom(...SPACE_CHARS), { minLength: 0, maxLength: 3 })
  .map((a) => a.join(''));
const spaceRun1 = fc
  .array(fc.constantFrom(...SPACE_CHARS), { minLength: 1, maxLength: 3 })
  .map((a) => a.join(''));

/** Any mix of upper and lower case of an ASCII string. */
function anyCase(s: string) {
  return fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((ch, i) => (flags[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));
}

/** A string padded on both sides with arbitrary whitespace and its inner spaces replaced by arbitrary runs. */
function dirty(s: string) {
  return fc
    .tuple(anyCase(s), spaceRun, spaceRun, fc.array(spaceRun1, { minLength: 8, maxLength: 8 }))
    .map(([c, pre, post, inner]) => {
      let k = 0;
      return pre + c.replace(/ /g, () => inner[k++ % inner.length] as string) + post;
    });
}

function isoOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function serialOf(iso: string): number {
  return (Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY;
}

/** Any calendar date 2002-01-01 … 2030-12-31 as an ISO string. */
const dateIn2002to2030 = fc
  .integer({ min: Date.UTC(2002, 0, 1) / DAY, max: Date.UTC(2030, 11, 31) / DAY })
  .map((d) => isoOfUtc(d * DAY));

describe('cleanText', () => {
  it('is idempotent and leaves no leading, trailing or doubled spaces (any unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const c = cleanText(s);
        expect(cleanText(c)).toBe(c);
        expect(c).toBe(c.trim());
        expect(c).not.toMatch(/^[\s\u00a0\u200b\ufeff]|[\s\u00a0\u200b\ufeff]$/);
        expect(c).not.toMatch(/[\s\u00a0]{2}/);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on strings built from the dirty characters ICE uses', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...SPACE_CHARS,
        '\u2019',
        '\u2018',
        '\u201c',
        '\u201d',
        '\u2013',
        '\u00b4',
        '`',
        "'",
        '-',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const c = cleanText(parts.join(''));
        expect(cleanText(c)).toBe(c);
        expect(c).not.toMatch(/^\s|\s$|\s\s|[\u2018\u2019\u201c\u201d\u00a0]/);
      }),
      RUNS,
    );
  });

  it('cleans the examples from the pack', () => {
    expect(cleanText('Kansas  Bureau Of Investigation')).toBe('Kansas Bureau Of Investigation');
    expect(cleanText('\nSchuylkill County')).toBe('Schuylkill County');
    expect(cleanText('TEXAS ')).toBe('TEXAS');
    expect(cleanText('Sheriff\u2019s\u00a0Office')).toBe("Sheriff's Office");
    expect(cleanText('\u00a0')).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Agency names

const STATE_CODES = [...new Set(Object.values(STATES))];
/** Plain words: never a state code, abbreviation, article or the start of a municipal prefix. */
const WORDS = [
  'Gulfport',
  'Johns',
  'Pasco',
  'Monroe',
  'Lake',
  'Cass',
  'Grundy',
  'Franklin',
  'Volusia',
  'Walton',
  'Beach',
  'River',
  'Harbor',
  'Valley',
  'North',
  'Clay',
  'Marion',
  'Polk',
  'Cherokee',
  'Etowah',
  'Sheriff',
  'Office',
  'County',
  'Police',
  'Department',
  'Justice',
  'Corrections',
  'Highway',
  'Patrol',
  'Bureau',
  'Investigation',
];
const word = fc.constantFrom(...WORDS);
const stateArb = fc.constantFrom(...STATE_CODES);
/** A realistic agency name: words plus the tokens that the key treats specially (The, City of, codes, Co, SO …). */
const nameTokens = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: word },
    { weight: 1, arbitrary: fc.constantFrom('The', 'City of', 'Town of', 'St', 'St.', 'Saint', 'Ft.') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('PD', 'SO', 'Co', 'Co.', 'Dept', 'BOCC', 'DOC', 'DPS', '&', 'Twp'),
    },
    { weight: 1, arbitrary: fc.constantFrom("Sheriff's", 'Sheriff\u2019s', 'Sheriffs', "O'Brien") },
    { weight: 1, arbitrary: stateArb },
  ),
  { minLength: 1, maxLength: 7 },
);
const nameArb = nameTokens.map((t) => t.join(' '));

describe('agencyKey', () => {
  it('is idempotent on its own output, given the same state', () => {
    fc.assert(
      fc.property(nameArb, fc.option(stateArb, { nil: null }), (name, st) => {
        const k = agencyKey(name, st);
        expect(agencyKey(k, st)).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent for the edge cases of its prefix rules', () => {
    for (const [name, st] of [
      ['The The The Lake Sheriff', null],
      ['The MT Dept of Justice', 'MT'],
      ['City of City of Monroe Police Department', null],
      ['The City of Monroe PD', null],
      ['MT MT Highway Patrol', 'MT'],
      ['City of the Lake Police Department', null],
      ['The The MT Highway Patrol', 'MT'],
    ] as const) {
      const k = agencyKey(name, st);
      expect(agencyKey(k, st), `${name} → ${k}`).toBe(k);
    }
  });

  it('ignores case, punctuation, NBSP, curly apostrophes and extra spaces', () => {
    const sep = fc.constantFrom(' ', '  ', '\u00a0', ', ', ' - ', '. ', ' \u00a0', '\t');
    fc.assert(
      fc.property(
        nameTokens,
        fc.array(sep, { minLength: 7, maxLength: 7 }),
        fc.option(stateArb, { nil: null }),
        fc.boolean(),
        fc.boolean(),
        (tokens, seps, st, upper, trailingDot) => {
          const plain = tokens.join(' ');
          let variant = tokens.map((t, i) => (i === 0 ? t : `${seps[i % seps.length]}${t}`)).join('');
          variant = variant.replace(/'/g, '\u2019');
          variant = upper ? variant.toUpperCase() : variant.toLowerCase();
          if (trailingDot) variant = `  ${variant}.\u00a0`;
          expect(agencyKey(variant, st)).toBe(agencyKey(plain, st));
        },
      ),
      { numRuns: 1000 },
    );
  });

  const pair = (a: string, b: string) =>
    fc.property(
      fc.array(word, { minLength: 1, maxLength: 3 }),
      fc.array(word, { maxLength: 2 }),
      fc.option(stateArb, { nil: null }),
      (pre, post, st) => {
        const make = (mid: string) => [...pre, mid, ...post].join(' ');
        expect(agencyKey(make(a), st)).toBe(agencyKey(make(b), st));
      },
    );

  it('reads PD as Police Department', () => {
    fc.assert(pair('PD', 'Police Department'), RUNS);
  });

  it('reads St and St. (and Saint) alike', () => {
    fc.assert(pair('St', 'St.'), RUNS);
    fc.assert(pair('Saint', 'St.'), RUNS);
  });

  it('reads BOCC as Board of County Commissioners', () => {
    fc.assert(pair('BOCC', 'Board of County Commissioners'), RUNS);
  });

  it('matches the March 2025 renames from the pack', () => {
    expect(agencyKey('Gulfport PD', 'FL')).toBe(agencyKey('Gulfport Police Department', 'FL'));
    expect(agencyKey("St Johns County Sheriff's Office", 'FL')).toBe(
      agencyKey("St. Johns County Sheriff's Office", 'FL'),
    );
    expect(agencyKey('Pasco County BOCC', 'FL')).toBe(
      agencyKey('Pasco County Board of County Commissioners', 'FL'),
    );
    expect(agencyKey('MT Dept of Justice', 'MT')).toBe(agencyKey('Montana Department of Justice', 'MT'));
    expect(agencyKey('Sheriff\u2019s Office', 'TX')).toBe(agencyKey("Sheriff's Office", 'TX'));
    // Different agencies stay apart.
    expect(agencyKey('Pasco County BOCC', 'FL')).not.toBe(agencyKey("Pasco County Sheriff's Office", 'FL'));
  });

  it('displayName only cleans text', () => {
    fc.assert(
      fc.property(nameArb, spaceRun, spaceRun, (n, a, b) => {
        expect(displayName(`${a}${n}${b}`)).toBe(cleanText(n));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// States

const FIFTY_PLUS_DC: Record<string, string> = {
  ALABAMA: 'AL',
  ALASKA: 'AK',
  ARIZONA: 'AZ',
  ARKANSAS: 'AR',
  CALIFORNIA: 'CA',
  COLORADO: 'CO',
  CONNECTICUT: 'CT',
  DELAWARE: 'DE',
  FLORIDA: 'FL',
  GEORGIA: 'GA',
  HAWAII: 'HI',
  IDAHO: 'ID',
  ILLINOIS: 'IL',
  INDIANA: 'IN',
  IOWA: 'IA',
  KANSAS: 'KS',
  KENTUCKY: 'KY',
  LOUISIANA: 'LA',
  MAINE: 'ME',
  MARYLAND: 'MD',
  MASSACHUSETTS: 'MA',
  MICHIGAN: 'MI',
  MINNESOTA: 'MN',
  MISSISSIPPI: 'MS',
  MISSOURI: 'MO',
  MONTANA: 'MT',
  NEBRASKA: 'NE',
  NEVADA: 'NV',
  'NEW HAMPSHIRE': 'NH',
  'NEW JERSEY': 'NJ',
  'NEW MEXICO': 'NM',
  'NEW YORK': 'NY',
  'NORTH CAROLINA': 'NC',
  'NORTH DAKOTA': 'ND',
  OHIO: 'OH',
  OKLAHOMA: 'OK',
  OREGON: 'OR',
  PENNSYLVANIA: 'PA',
  'RHODE ISLAND': 'RI',
  'SOUTH CAROLINA': 'SC',
  'SOUTH DAKOTA': 'SD',
  TENNESSEE: 'TN',
  TEXAS: 'TX',
  UTAH: 'UT',
  VERMONT: 'VT',
  VIRGINIA: 'VA',
  WASHINGTON: 'WA',
  'WEST VIRGINIA': 'WV',
  WISCONSIN: 'WI',
  WYOMING: 'WY',
  'DISTRICT OF COLUMBIA': 'DC',
};
const TERRITORIES: Record<string, string> = {
  GUAM: 'GU',
  'NORTHERN MARIANA ISLANDS': 'MP',
  'PUERTO RICO': 'PR',
  'VIRGIN ISLANDS': 'VI',
  'U.S. VIRGIN ISLANDS': 'VI',
  'AMERICAN SAMOA': 'AS',
};
const ALL_PLACES = { ...FIFTY_PLUS_DC, ...TERRITORIES };
const TYPOS: Record<string, string> = {
  MCHIGAN: 'MI',
  PENNSLYVANIA: 'PA',
  UTAHJ: 'UT',
  'WEST VIRIGINA': 'WV',
  'WEST VIRIGINIA': 'WV',
};

describe('normalizeState', () => {
  it('knows all 50 states, DC and five territories', () => {
    expect(Object.keys(FIFTY_PLUS_DC)).toHaveLength(51);
    expect(new Set(Object.values(ALL_PLACES)).size).toBe(56);
    for (const [name, code] of Object.entries(ALL_PLACES)) {
      expect(normalizeState(name), name).toEqual({ code, rule: 'name' });
      expect(normalizeState(code), code).toEqual({ code, rule: 'code' });
    }
  });

  it('reads names and codes in any case, with any whitespace around and inside', () => {
    const entry = fc.constantFrom(...Object.entries(ALL_PLACES));
    fc.assert(
      fc.property(
        entry.chain(([name, code]) => fc.tuple(dirty(name), fc.constant(code))),
        ([raw, code]) => {
          expect(normalizeState(raw).code).toBe(code);
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        entry.chain(([, code]) => fc.tuple(dirty(code), fc.constant(code))),
        ([raw, code]) => {
          expect(normalizeState(raw)).toEqual({ code, rule: 'code' });
        },
      ),
      RUNS,
    );
  });

  it('reads the pack’s mixed-case spellings', () => {
    for (const [raw, code] of [
      ['Alabama', 'AL'],
      ['AlABAMA', 'AL'],
      ['UTAh', 'UT'],
      ['WESt VIRGINIA', 'WV'],
      ['TEXAS ', 'TX'],
      ['\u00a0FLORIDA\u00a0', 'FL'],
      ['NORTHERN  MARIANA ISLANDS', 'MP'],
      ['GUAM', 'GU'],
    ])
      expect(normalizeState(raw).code, raw).toBe(code);
  });

  it('corrects the pack’s typos through the reviewed file, with evidence', () => {
    for (const [typo, code] of Object.entries(TYPOS)) {
      const r = normalizeState(typo);
      expect(r.code, typo).toBe(code);
      expect(r.rule).toBe('correction');
      expect(r.evidence).toBeTruthy();
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.entries(TYPOS)).chain(([t, c]) => fc.tuple(dirty(t), fc.constant(c))),
        ([raw, code]) => {
          expect(normalizeState(raw)).toMatchObject({ code, rule: 'correction' });
        },
      ),
      RUNS,
    );
  });

  it('returns null for anything else, and missing for blanks', () => {
    const known = new Set([...Object.keys(STATES), ...Object.values(STATES), ...Object.keys(TYPOS)]);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ  .-'),
          minLength: 1,
          maxLength: 14,
        }),
        (s) => {
          const v = cleanText(s).toUpperCase().replace(/\.$/, '');
          fc.pre(v !== '' && !known.has(v));
          expect(normalizeState(s)).toEqual({ code: null, rule: 'unknown' });
        },
      ),
      { numRuns: 1000 },
    );
    for (const raw of ['TEXASS', 'MEXICO', 'CANADA', 'XX', 'ONTARIO', 'N/A'])
      expect(normalizeState(raw), raw).toEqual({ code: null, rule: 'unknown' });
    for (const raw of [null, undefined, '', ' ', '\u00a0', '\n'])
      expect(normalizeState(raw), String(raw)).toEqual({ code: null, rule: 'missing' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Models and jurisdiction types

describe('normalizeModel', () => {
  const SPELLINGS: [string, 'JEM' | 'WSO' | 'TFM', boolean][] = [
    ['Jail Enforcement Model', 'JEM', false],
    ['Warrant Service Officer', 'WSO', false],
    ['Task Force Model', 'TFM', false],
    ['Jail Enforcment Model', 'JEM', true],
    ['Warrant Services Officer', 'WSO', true],
    ['Warrant Service Office', 'WSO', true],
    ['Task Force Officer', 'TFM', true],
    ['Jail Enforcement Model ', 'JEM', false],
    ['Warrant Service Officer ', 'WSO', false],
    ['Task Force Model ', 'TFM', false],
    ['JEM', 'JEM', true],
    ['WSO', 'WSO', true],
    ['TFM', 'TFM', true],
  ];

  it('reads every spelling in the pack (MANIFEST: SUPPORT TYPE values)', () => {
    for (const [raw, model, variant] of SPELLINGS)
      expect(normalizeModel(raw), raw).toEqual({ model, variant });
  });

  it('reads them in any case and with any whitespace', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...SPELLINGS)
          .chain(([raw, model]) => fc.tuple(dirty(raw.trim()), fc.constant(model))),
        ([raw, model]) => {
          expect(normalizeModel(raw).model).toBe(model);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('flags only non-canonical spellings as variants', () => {
    for (const [model, name] of Object.entries(MODEL_NAMES)) {
      expect(normalizeModel(name)).toEqual({ model, variant: false });
      expect(normalizeModel(` ${name}\u00a0`)).toEqual({ model, variant: false });
    }
  });

  it('returns null for blanks and unknown text', () => {
    for (const raw of [null, undefined, '', ' ', '\u00a0', 'Cons', 'link', '287(g)', 'Other'])
      expect(normalizeModel(raw).model, String(raw)).toBeNull();
  });
});

describe('normalizeJurisdictionType', () => {
  it('reads the TYPE values of the pack', () => {
    for (const [raw, t] of [
      ['County', 'county'],
      ['County ', 'county'],
      ['COUNTY', 'county'],
      ['Municipality', 'municipality'],
      ['Muncipality ', 'municipality'],
      ['Municipal', 'municipality'],
      ['State Agency', 'state'],
      ['State', 'state'],
      ['state  agency', 'state'],
    ] as const)
      expect(normalizeJurisdictionType(raw), raw).toBe(t);
  });

  it('returns null for #NA, blanks and unknown values', () => {
    for (const raw of ['#NA', '#N/A', '', ' ', null, undefined, 'Tribal', 'Federal'])
      expect(normalizeJurisdictionType(raw), String(raw)).toBeNull();
  });

  it('ignores case and whitespace', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(
            ['County', 'county'],
            ['Municipality', 'municipality'],
            ['State Agency', 'state'],
            ['Muncipality', 'municipality'],
          )
          .chain(([raw, t]) => fc.tuple(dirty(raw as string), fc.constant(t))),
        ([raw, t]) => {
          expect(normalizeJurisdictionType(raw)).toBe(t);
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Signed dates

describe('normalizeSigned', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('round-trips the Excel serial of any date 2002–2030 (with or without a time fraction)', () => {
    fc.assert(
      fc.property(dateIn2002to2030, fc.double({ min: 0, max: 0.999, noNaN: true }), (iso, frac) => {
        const serial = serialOf(iso);
        expect(serialToDate(serial)).toBe(iso);
        const r = normalizeSigned({ t: 'n', v: String(serial + frac) }, '2031-01-01');
        expect(r).toEqual({
          published: iso,
          corrected: iso,
          rule: 'serial',
          correctedByRule: false,
          evidence: null,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('knows the well-known serials', () => {
    expect(serialToDate(45833)).toBe('2025-06-25');
    expect(serialToDate(1)).toBe('1899-12-31');
    expect(serialToDate(60)).toBe('1900-02-28'); // the 1900 leap-year bug: epoch 1899-12-30 covers serials > 60
    expect(serialToDate(61)).toBe('1900-03-01');
  });

  it('reads ISO text (html era) and m/d/yyyy text', () => {
    fc.assert(
      fc.property(dateIn2002to2030, fc.boolean(), (iso, pad) => {
        const [y, m, d] = iso.split('-');
        const us = pad ? `${m}/${d}/${y}` : `${Number(m)}/${Number(d)}/${y}`;
        expect(normalizeSigned({ t: 'inlineStr', v: iso }, '2031-01-01')).toMatchObject({
          published: iso,
          corrected: iso,
          rule: 'iso-text',
        });
        expect(normalizeSigned({ t: 's', v: us }, '2031-01-01')).toMatchObject({
          published: iso,
          corrected: iso,
          rule: 'us-text',
        });
      }),
      RUNS,
    );
  });

  it('rule missing-slash: `05/082025` → 2025-05-08, published value unreadable', () => {
    const r = normalizeSigned({ t: 's', v: '05/082025' }, '2025-05-20');
    expect(r).toMatchObject({
      published: null,
      corrected: '2025-05-08',
      rule: 'missing-slash',
      correctedByRule: true,
    });
    expect(r.evidence).toContain('05/082025');
    expect(normalizeSigned({ t: 's', v: '7/72025' }, '2025-07-20').corrected).toBe('2025-07-07');
    expect(normalizeSigned({ t: 's', v: '8/282025' }, '2025-09-01').corrected).toBe('2025-08-28');
    fc.assert(
      fc.property(dateIn2002to2030, fc.boolean(), fc.boolean(), (iso, padM, padD) => {
        const [y, m, d] = iso.split('-') as [string, string, string];
        const v = `${padM ? m : Number(m)}/${padD ? d : Number(d)}${y}`;
        expect(normalizeSigned({ t: 's', v }, '2031-01-01')).toMatchObject({
          published: null,
          corrected: iso,
          rule: 'missing-slash',
          correctedByRule: true,
        });
      }),
      RUNS,
    );
  });

  it('rule year-typo: the serial of 5025-07-07 in a 2025-07-08 publication → 2025-07-07, published kept', () => {
    const serial = serialOf('5025-07-07');
    expect(serialToDate(serial)).toBe('5025-07-07');
    const r = normalizeSigned({ t: 'n', v: String(serial) }, '2025-07-08');
    expect(r).toMatchObject({
      published: '5025-07-07',
      corrected: '2025-07-07',
      rule: 'year-typo',
      correctedByRule: true,
    });
    // Same rule for any slipped first digit of a date on or before the publication.
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1) / DAY, max: Date.UTC(2026, 11, 31) / DAY }),
        fc.constantFrom(3, 4, 5, 6, 7, 8, 9),
        fc.integer({ min: 0, max: 30 }),
        (day, thousands, lag) => {
          const iso = isoOfUtc(day * DAY);
          const asOf = isoOfUtc((day + lag) * DAY);
          const typo = `${thousands}${iso.slice(1)}`;
          const r2 = normalizeSigned({ t: 'n', v: String(serialOf(typo)) }, asOf);
          expect(r2).toMatchObject({ published: typo, corrected: iso, rule: 'year-typo' });
        },
      ),
      RUNS,
    );
  });

  it('flags other dates after the publication, and implausibly old ones', () => {
    expect(normalizeSigned({ t: 'n', v: String(serialOf('2025-09-01')) }, '2025-07-08')).toMatchObject({
      published: '2025-09-01',
      corrected: '2025-09-01',
      rule: 'after-publication',
    });
    expect(normalizeSigned({ t: 'n', v: String(serialOf('1999-01-01')) }, '2025-07-08')).toMatchObject({
      published: '1999-01-01',
      corrected: null,
      rule: 'implausible',
    });
  });

  it('blank and #N/A → blank', () => {
    for (const cell of [
      undefined,
      { t: 's', v: '' },
      { t: 's', v: ' ' },
      { t: 's', v: '\u00a0' },
      { t: 'e', v: '#N/A' },
      { t: 's', v: '#N/A' },
      { t: 'str', v: '#N/A' },
      { t: 'n', v: '' },
    ])
      expect(normalizeSigned(cell, '2025-12-02'), JSON.stringify(cell)).toEqual({
        published: null,
        corrected: null,
        rule: 'blank',
        correctedByRule: false,
        evidence: null,
      });
  });

  it('garbage → unreadable', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ /-.'),
          minLength: 1,
          maxLength: 12,
        }),
        (v) => {
          fc.pre(/[a-z]/i.test(v));
          const r = normalizeSigned({ t: 's', v }, '2025-07-08');
          expect(r).toMatchObject({ published: null, corrected: null, rule: 'unreadable' });
        },
      ),
      RUNS,
    );
    for (const v of ['TBD', 'pending', '13/45/2025', '2025-13-01', '02/30/2025'])
      expect(normalizeSigned({ t: 's', v }, '2025-07-08').rule, v).toBe('unreadable');
    expect(normalizeSigned({ t: 'n', v: '-5' }, '2025-07-08').rule).toBe('unreadable');
  });

  it('never depends on the TZ environment variable', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    const inputs = fc.sample(
      fc.tuple(dateIn2002to2030, fc.double({ min: 0, max: 0.999, noNaN: true }), dateIn2002to2030),
      { numRuns: 200, seed: 42 },
    );
    const cells = inputs.flatMap(([iso, frac, asOf]) => {
      const [y, m, d] = iso.split('-');
      return [
        { cell: { t: 'n', v: String(serialOf(iso) + frac) }, asOf },
        { cell: { t: 's', v: iso }, asOf },
        { cell: { t: 's', v: `${Number(m)}/${Number(d)}/${y}` }, asOf },
        { cell: { t: 's', v: `${m}/${d}${y}` }, asOf },
      ];
    });
    cells.push({ cell: { t: 'n', v: String(serialOf('5025-07-07')) }, asOf: '2025-07-08' });
    const runIn = (tz: string) => {
      process.env.TZ = tz;
      // The variable really took effect (Node re-reads TZ on assignment).
      expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(
        tz === 'UTC' ? 0 : new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset(),
      );
      return cells.map(({ cell, asOf }) => normalizeSigned(cell, asOf));
    };
    const base = runIn('UTC');
    for (const tz of zones.slice(1)) {
      const got = runIn(tz);
      expect(got, tz).toEqual(base);
    }
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(-840);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Links

const ICE_FILE = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'), {
    minLength: 3,
    maxLength: 30,
  })
  .map((a) => a.join(''));
const iceUrl = fc
  .tuple(fc.constantFrom('https', 'http'), fc.constantFrom('287gMOA', 'about'), ICE_FILE)
  .map(([scheme, dir, f]) => `${scheme}://www.ice.gov/doclib/${dir}/${f}.pdf`);

describe('cleanLink', () => {
  it('unwraps an Outlook SafeLinks URL holding a percent-encoded ICE URL', () => {
    fc.assert(
      fc.property(
        iceUrl,
        fc.constantFrom('gcc02', 'nam11', 'gcc01'),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 20 }),
        (u, host, data) => {
          const wrapped = `https://${host}.safelinks.protection.outlook.com/?url=${encodeURIComponent(u)}&data=05%7C02%7C${data}%7C0&sdata=${data}%3D&reserved=0`;
          expect(cleanLink(wrapped)).toEqual({ url: u, fixes: ['unwrapped-safelinks'] });
        },
      ),
      RUNS,
    );
  });

  it('unwraps the Acrobat chrome-extension wrapper (plain or percent-encoded)', () => {
    fc.assert(
      fc.property(iceUrl, fc.boolean(), (u, encoded) => {
        const wrapped = `chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${encoded ? encodeURIComponent(u) : u}`;
        expect(cleanLink(wrapped)).toEqual({ url: u, fixes: ['unwrapped-browser-extension'] });
      }),
      RUNS,
    );
  });

  it('repairs `https:/www.ice.gov/…`', () => {
    fc.assert(
      fc.property(ICE_FILE, (f) => {
        expect(cleanLink(`https:/www.ice.gov/doclib/287gMOA/${f}.pdf`)).toEqual({
          url: `https://www.ice.gov/doclib/287gMOA/${f}.pdf`,
          fixes: ['repaired-scheme-slash'],
        });
      }),
      RUNS,
    );
  });

  it('encodes spaces, and leaves %20 alone', () => {
    expect(cleanLink('https://www.ice.gov/doclib/287gMOA/287gJEM_ etowahCoAL_06-09-2020.pdf')).toEqual({
      url: 'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf',
      fixes: ['encoded-spaces'],
    });
    expect(cleanLink('https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf')).toEqual({
      url: 'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf',
      fixes: [],
    });
    fc.assert(
      fc.property(fc.array(ICE_FILE, { minLength: 2, maxLength: 4 }), (parts) => {
        const r = cleanLink(`https://www.ice.gov/doclib/287gMOA/${parts.join(' ')}.pdf`);
        expect(r.url).toBe(`https://www.ice.gov/doclib/287gMOA/${parts.join('%20')}.pdf`);
        expect(r.url).not.toMatch(/\s/);
      }),
      RUNS,
    );
  });

  it('unwraps SafeLinks around a URL with spaces, and a SafeLinks inside the extension wrapper', () => {
    const u = 'https://www.ice.gov/doclib/287gMOA/287gJEM_ etowahCoAL_06-09-2020.pdf';
    const safe = `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(u)}&data=x&reserved=0`;
    expect(cleanLink(safe)).toEqual({
      url: 'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf',
      fixes: ['unwrapped-safelinks', 'encoded-spaces'],
    });
    expect(cleanLink(`chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${safe}`).url).toBe(
      'https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL_06-09-2020.pdf',
    );
  });

  it('keeps Wayback URLs and plain ICE URLs as they are; refuses non-web text', () => {
    fc.assert(
      fc.property(iceUrl, (u) => {
        expect(cleanLink(u)).toEqual({ url: u, fixes: [] });
        expect(cleanLink(`https://web.archive.org/web/20210331025642/${u}`)).toEqual({
          url: `https://web.archive.org/web/20210331025642/${u}`,
          fixes: [],
        });
      }),
      RUNS,
    );
    expect(cleanLink('')).toEqual({ url: null, fixes: [] });
    expect(cleanLink(null)).toEqual({ url: null, fixes: [] });
    expect(cleanLink('link').url).toBeNull();
    expect(cleanLink('mailto:someone@ice.dhs.gov').fixes).toContain('not-a-web-link');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Listings

const HEADER = [
  'STATE',
  'LAW ENFORCEMENT AGENCY',
  'TYPE',
  'COUNTY',
  'SUPPORT TYPE',
  'SIGNED',
  'MOA',
  'ADDENDUM',
];

const cellArb: fc.Arbitrary<RawCell> = fc.oneof(
  fc.record({ v: fc.string({ maxLength: 20 }), t: fc.constantFrom('s', 'inlineStr', 'str') }),
  fc.record({ v: fc.integer({ min: -10, max: 3_000_000 }).map(String), t: fc.constant('n') }),
  fc.record({ v: fc.constantFrom('#N/A', '#REF!'), t: fc.constant('e') }),
  fc.record(
    {
      v: fc.constantFrom('link', 'link pending', '\u00a0', 'link\u00a0|\u00a0addendum'),
      t: fc.constant('s'),
      link: fc.oneof(
        iceUrl,
        iceUrl.map(
          (u) => `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(u)}&data=1`,
        ),
        iceUrl.map((u) => `chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${u}`),
        iceUrl.map((u) => u.replace('://', ':/').replace('.pdf', ' x.pdf')),
      ),
    },
    { requiredKeys: ['v', 't'] },
  ),
);
const realisticCell = (col: string): fc.Arbitrary<RawCell> => {
  const values: Record<string, string[]> = {
    STATE: ['TEXAS ', 'AlABAMA', 'MCHIGAN', 'GUAM', 'NARNIA', ''],
    'LAW ENFORCEMENT AGENCY': [
      'Gulfport PD',
      'St Johns County Sheriff\u2019s Office',
      'Kansas  Bureau Of Investigation',
      '',
    ],
    TYPE: ['County ', 'Muncipality ', '#NA', 'State'],
    COUNTY: ['\nSchuylkill County', 'Sweetwater County '],
    'SUPPORT TYPE': ['Jail Enforcment Model', 'Task Force Officer', 'Cons'],
    SIGNED: ['05/082025', '2020-06-09', 'TBD'],
  };
  const own = values[col];
  return own ? fc.oneof(fc.record({ v: fc.constantFrom(...own), t: fc.constant('s') }), cellArb) : cellArb;
};
const rowArb = fc.record(Object.fromEntries(HEADER.map((h) => [h, realisticCell(h)])), {
  requiredKeys: [],
}) as fc.Arbitrary<Record<string, RawCell>>;

describe('normalizePublication', () => {
  it('keeps the raw cells unchanged (and hands them back untouched beside the normalized values)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(rowArb, fc.boolean()), { maxLength: 8 }),
        fc.constantFrom<ListKind>('participating', 'pending'),
        dateIn2002to2030,
        (rowsIn, kind, asOfDate) => {
          const rows: RawRow[] = rowsIn.map(([cells, hidden], i) => ({
            row: i + 2,
            hidden,
            cells,
            sig: rowSignature(HEADER, cells),
          }));
          const before = structuredClone(rows);
          const listings = normalizePublication({ file: 'x.xlsx', asOfDate, kind, rows });
          expect(rows).toEqual(before);
          expect(listings).toHaveLength(rows.length);
          listings.forEach((l, i) => {
            const r = before[i] as RawRow;
            expect(l.raw).toEqual(r.cells);
            expect(l.row).toBe(r.row);
            expect(l.hidden).toBe(r.hidden);
            for (const p of l.problems) {
              expect(p.file).toBe('x.xlsx');
              expect(p.row).toBe(r.row);
            }
            if (kind === 'pending') expect(l.signedRule).toBeNull();
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same fold rows and problem counts as the shared-row path used by ingest (fold-rows.ts)', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.tuple(
            fc.array(fc.nat(), { maxLength: 6 }),
            fc.constantFrom<ListKind>('participating', 'pending'),
            dateIn2002to2030,
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (pool, pubs) => {
          // Publications drawn from a small pool of rows, so rows repeat within and across publications.
          pubs.forEach(([picks, kind, asOfDate], n) => {
            const rows: RawRow[] = picks.map((k, i) => {
              const cells = pool[k % pool.length] as Record<string, RawCell>;
              return { row: i + 2, hidden: false, cells, sig: rowSignature(HEADER, cells) };
            });
            const pub = { file: `p${n}.xlsx`, asOfDate, kind, rows };
            const listings = normalizePublication(pub);
            const want = summarize([]);
            for (const l of listings) summarize(l.problems, want);
            const got = summarize([]);
            expect(foldRows(pub, got)).toEqual(listings.map(toFoldRow));
            expect(got).toEqual(want);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the raw link target while cleaning the URL (the raw value is kept by the caller)', () => {
    const u = 'https://www.ice.gov/doclib/287gMOA/GulfportPD_TFM_MOA.pdf';
    const wrapped = `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(u)}&data=1`;
    const cells: Record<string, RawCell> = {
      STATE: { v: 'FLORIDA ', t: 's' },
      'LAW ENFORCEMENT AGENCY': { v: 'Gulfport PD', t: 's' },
      'SUPPORT TYPE': { v: 'Task Force Model', t: 's' },
      SIGNED: { v: String(serialOf('2025-02-20')), t: 'n' },
      MOA: { v: 'link', t: 's', link: wrapped },
      ADDENDUM: { v: 'link', t: 's', link: 'https:/www.ice.gov/doclib/287gMOA/Gulfport add.pdf' },
    };
    const [l] = normalizePublication({
      file: 'p.xlsx',
      asOfDate: '2025-03-07',
      kind: 'participating',
      rows: [{ row: 2, hidden: false, cells, sig: rowSignature(HEADER, cells) }],
    });
    expect(l?.moaUrl).toBe(u);
    expect(l?.raw.MOA?.link).toBe(wrapped);
    expect(l?.addendumUrl).toBe('https://www.ice.gov/doclib/287gMOA/Gulfport%20add.pdf');
    expect(l?.raw.ADDENDUM?.link).toBe('https:/www.ice.gov/doclib/287gMOA/Gulfport add.pdf');
    expect(l?.problems.map((p) => p.code).sort()).toEqual([
      'link-encoded-spaces',
      'link-repaired-scheme-slash',
      'link-unwrapped-safelinks',
    ]);
    expect(l).toMatchObject({ state: 'FL', agencyName: 'Gulfport PD', model: 'TFM', signed: '2025-02-20' });
  });

  it('treats error cells and #N/A text as missing', () => {
    expect(isMissing('#N/A', 'e')).toBe(true);
    expect(isMissing('anything', 'e')).toBe(true);
    expect(isMissing(' #n/a ')).toBe(true);
    expect(isMissing('#NA')).toBe(true);
    expect(isMissing('County')).toBe(false);
  });
});
