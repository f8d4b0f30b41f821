/**
 * The API's shapes, one zod schema each: they validate requests, type the handlers, generate the OpenAPI 3.1
 * document, and the tests check every response against them. The record fields also describe the download
 * columns made of them (src/publish/downloads.ts): `described` gives a field one description for both the OpenAPI
 * document and the data package; `column` gives a download column's description where the API has none (or says
 * it otherwise), without adding it to the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../domain/dates.ts';
import { EVENT_KINDS } from '../domain/event.ts';
import { LEVELS } from '../domain/geography.ts';

export const MODELS = ['JEM', 'WSO', 'TFM'] as const;
export const LEVEL_VALUES = LEVELS;
export { EVENT_KINDS } from '../domain/event.ts';

/** A download column's description, and its type when the field's schema does not tell it (dates). */
export interface ColumnDoc {
  description: string;
  type?: 'date' | 'datetime';
}

/** The download column descriptions of record fields (read by src/publish/downloads.ts). */
export const columnDocs = z.registry<ColumnDoc>();

/** A field whose download column has this description (not in the OpenAPI document). */
function column<T extends z.ZodType>(schema: T, description: string, type?: ColumnDoc['type']): T {
  columnDocs.add(schema, type ? { description, type } : { description });
  return schema;
}

/** A field described alike in the OpenAPI document and as a download column. */
function described<T extends z.ZodType>(schema: T, description: string, type?: ColumnDoc['type']): T {
  return column(schema.openapi({ description }) as T, description, type);
}

/** A real calendar date (not 2025-02-30). */
export function isDate(s: string): boolean {
  return isCalendarDate(s);
}

export const DateString = z
  .string()
  .refine(isDate, { message: 'expected a date YYYY-MM-DD' })
  .openapi({ format: 'date', example: '2025-03-24' });

export const Model = column(
  z.enum(MODELS).openapi('Model', {
    description: 'JEM: Jail Enforcement Model; WSO: Warrant Service Officer; TFM: Task Force Model',
  }),
  'JEM, WSO or TFM',
);
export const AgencyStatus = column(
  z.enum(['active', 'pending', 'removed']).openapi('AgencyStatus'),
  'active (an agreement in force), pending, or removed',
);
export const AgreementStatus = column(
  z.enum(['active', 'pending', 'removed', 'superseded']).openapi('AgreementStatus'),
  'active, pending, removed or superseded (replaced by a re-signing)',
);
export const Level = z.enum(LEVEL_VALUES).openapi('Level');
export const ListKind = column(
  z.enum(['participating', 'pending']).openapi('ListKind'),
  'participating or pending',
);
const ModelCounts = z.object({ JEM: z.number().int(), WSO: z.number().int(), TFM: z.number().int() });

// ---------------------------------------------------------------------------------------------------------------
// Envelopes

const Sighting = z.object({ id: z.number().int(), date: z.string() }).nullable();

export const Meta = z
  .object({
    source: z.string(),
    licence: z.string(),
    lastUpdated: z.string().nullable().openapi({ description: 'When the ledger last changed (ISO 8601)' }),
    publication: z
      .object({ participating: Sighting, pending: Sighting })
      .optional()
      .openapi({ description: 'The latest publication of each ICE list in the ledger' }),
    next_cursor: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    count: z.number().int().optional().openapi({ description: 'Items matching the filters (all pages)' }),
  })
  .openapi('Meta');

export const ErrorBody = z
  .object({
    error: z.object({
      status: z.number().int(),
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export function envelope<T extends z.ZodType>(data: T, name: string) {
  return z.object({ data, meta: Meta }).openapi(name);
}

// ---------------------------------------------------------------------------------------------------------------
// Records

export const Interval = z
  .object({
    list: ListKind,
    from: z.string(),
    to: z.string(),
    fromPublication: z.number().int(),
    toPublication: z.number().int(),
    open: z.boolean().openapi({ description: 'Still listed in the latest publication of the list' }),
    gaps: z.number().int(),
  })
  .openapi('Interval');

export const SignedEntry = z
  .object({
    publication: z.number().int(),
    date: z.string(),
    raw: z.string().nullable().openapi({ description: 'The SIGNED cell as published' }),
    published: z.string().nullable(),
    corrected: z.string().nullable(),
    rule: z.string().nullable(),
  })
  .openapi('SignedEntry');

export const Agreement = z
  .object({
    agreementId: column(z.string().openapi({ example: 'agr-0a1b2c3d4e' }), 'Stable agreement ID (agr-…)'),
    agencyId: column(z.string(), 'Agency ID (agy-…)'),
    state: column(z.string(), 'USPS state code'),
    name: column(
      z.string().openapi({ description: 'The agency name as listed with this agreement' }),
      'Agency name as listed with this agreement',
    ),
    model: Model,
    status: AgreementStatus,
    signed: described(z.string().nullable(), 'Signed date, corrected', 'date'),
    signedPublished: described(z.string().nullable(), 'Signed date as published by ICE', 'date'),
    signedRule: column(
      z.string().nullable().openapi({ description: 'How the published date was read or corrected' }),
      'How the published signed date was read or corrected',
    ),
    signedHistory: z.array(SignedEntry),
    firstListed: column(z.string(), 'First listed (either list)', 'date'),
    lastListed: column(z.string(), 'Last listed (either list)', 'date'),
    firstPublication: column(z.number().int(), 'Publication ID of the first listing'),
    lastPublication: column(z.number().int(), 'Publication ID of the last listing'),
    firstPending: column(z.string().nullable(), 'First on the pending list', 'date'),
    firstParticipating: column(z.string().nullable(), 'First on the participating list', 'date'),
    daysPendingToSigned: column(
      z.number().int().nullable(),
      'Days from the first pending listing to the signed date',
    ),
    moaUrl: column(z.string().nullable(), 'Memorandum of agreement (as linked by ICE)'),
    addendumUrl: column(z.string().nullable(), 'Addendum (as linked by ICE)'),
    secondaryOnly: column(z.boolean(), "Known only from the html-era tables (not ICE's own spreadsheets)"),
    supersedes: column(z.string().nullable(), 'Agreement this one replaced'),
    supersededBy: column(z.string().nullable(), 'Agreement that replaced this one'),
    notOnLatestList: column(
      z.boolean(),
      "Active, but missing from ICE's latest participating list: counted until missed three lists in a row",
    ),
    intervals: z.array(Interval),
  })
  .openapi('Agreement');

export const Event = z
  .object({
    eventId: column(z.string(), 'Stable event ID (evt-…)'),
    date: column(z.string(), 'Date of the publication that showed the change', 'date'),
    kind: column(
      z.string().openapi({ enum: [...EVENT_KINDS] }),
      'added, removed, returned, pending-to-signed, model-added, signed-date-changed, re-signed, renamed or moved',
    ),
    list: ListKind,
    agencyId: column(z.string(), 'Agency ID'),
    agreementId: column(z.string().nullable(), 'Agreement ID (agreement events)'),
    state: column(z.string().nullable(), 'USPS state code'),
    name: column(z.string().nullable(), 'Agency name'),
    model: column(z.string().nullable(), 'JEM, WSO or TFM (agreement events)'),
    publication: column(z.number().int(), 'Publication that showed the change'),
    title: described(z.string(), 'The event in plain English'),
    details: column(
      z.record(z.string(), z.unknown()),
      'Kind-specific details (JSON object: from/to names, dates, states...)',
    ),
  })
  .openapi('Event');

export const Publication = z
  .object({
    publicationId: column(z.number().int(), 'Publication ID'),
    kind: ListKind,
    date: described(z.string(), 'As-of date (when ICE last saved the workbook)', 'date'),
    asOf: column(z.string(), 'As-of instant', 'datetime'),
    source: column(z.string(), 'Where the bytes come from'),
    era: column(z.string(), 'Column layout era (see MANIFEST)'),
    label: column(z.string().nullable(), "ICE's file label"),
    sha256: column(z.string(), 'SHA-256 of the file as published'),
    rows: column(z.number().int(), 'Data rows'),
    agreements: column(z.number().int(), 'Distinct agreements listed'),
    models: z.record(z.string(), z.number().int()),
    states: column(z.number().int(), 'States listed'),
    hiddenRows: column(z.number().int(), 'Rows hidden in the workbook'),
    status: column(
      z.string().openapi({ description: 'ok, duplicate-content or quarantined' }),
      'ok, duplicate-content (a re-save) or quarantined (not applied)',
    ),
    statusReason: column(z.string().nullable(), 'Why, when not ok'),
  })
  .openapi('Publication');

export const Population = z
  .object({
    total: z.number().int(),
    hispanic: z.number().int(),
    blackNonHispanic: z.number().int(),
    whiteNonHispanic: z.number().int(),
  })
  .openapi('Population');

export const SourceRef = z
  .object({
    kind: z.string(),
    vintage: z.string(),
    sha256: z.string().nullable(),
    file: z.string().nullable(),
  })
  .openapi('SourceRef');

export const Placement = z
  .object({
    level: Level,
    countyFips: z.array(z.string()),
    place: z.string().nullable(),
    ori: z.string().nullable(),
    oriStatus: z.enum(['matched', 'ambiguous', 'none']),
    oriCandidates: z.array(z.string()),
    method: z.enum(['rule', 'override', 'unplaced']),
    rule: z.string(),
    confidence: z.number(),
    inputs: z.record(z.string(), z.unknown()),
    reason: z.string().nullable(),
  })
  .openapi('Placement');

export const AgencySummary = z
  .object({
    agencyId: column(z.string().openapi({ example: 'agy-0a1b2c3d4e' }), 'Stable agency ID (agy-…)'),
    name: column(z.string(), 'Latest name as listed by ICE'),
    state: column(z.string(), 'USPS state code'),
    status: AgencyStatus,
    models: column(
      z.array(Model).openapi({ description: 'Models of the agreements in force' }),
      'Models of the agreements in force (JEM, WSO, TFM)',
    ),
    pendingModels: column(z.array(Model), 'Models of pending agreements'),
    level: column(
      Level.nullable(),
      'Level of government: state, county, municipal, campus, district, regional, port, facility, other',
    ),
    countyFips: column(z.array(z.string()), '5-digit FIPS codes of the counties the agency is placed in'),
    place: column(z.string().nullable(), 'City or town of a municipal agency'),
    ori: column(z.string().nullable(), 'FBI ORI code, when one matched'),
    firstSeen: column(z.string(), 'First listed by ICE', 'date'),
    lastSeen: column(z.string(), 'Last listed by ICE', 'date'),
    names: described(z.array(z.string()), 'Every name the agency was listed under'),
    agreements: z.object({
      active: column(z.number().int(), 'Agreements in force'),
      pending: column(z.number().int(), 'Pending agreements'),
      total: column(z.number().int(), 'Agreements ever listed'),
    }),
  })
  .openapi('AgencySummary');

export const AgencyName = z
  .object({
    name: z.string(),
    state: z.string(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    firstPublication: z.number().int().nullable(),
    lastPublication: z.number().int().nullable(),
  })
  .openapi('AgencyName');

export const CountyRef = z
  .object({
    fips: z.string(),
    name: z.string(),
    state: z.string(),
    population: Population.nullable(),
  })
  .openapi('CountyRef');

export const AgencyDetail = z
  .object({
    agencyId: z.string(),
    /** IDs merged into this one (they resolve here). */
    mergedIds: z.array(z.string()),
    name: z.string(),
    state: z.string(),
    status: AgencyStatus,
    models: z.array(Model),
    firstSeen: z.string(),
    lastSeen: z.string(),
    names: z.array(AgencyName),
    agreements: z.array(Agreement),
    events: z.array(Event),
    placement: Placement.nullable(),
    counties: z.array(CountyRef),
    ori: z.string().nullable(),
    fbi: z
      .object({
        ori: z.string(),
        name: z.string(),
        state: z.string(),
        type: z.string(),
        population: z.number().int().nullable(),
        year: z.number().int(),
      })
      .nullable()
      .openapi({ description: "The FBI LEE row of the agency's ORI, when one matched" }),
    population: Population.nullable().openapi({
      description: 'Residents of the county (or counties) the agency is placed in, when known (ACS B03002)',
    }),
    identity: z.array(
      z.object({
        state: z.string(),
        name: z.string(),
        method: z.string(),
        confidence: z.number(),
        needsReview: z.boolean(),
        explanation: z.string(),
        decidedOn: z.string(),
        reviewed: z.string().nullable().openapi({
          description:
            'The reviewed verdict in agency-aliases.csv that confirms this decision, with its evidence (the decision then needs no review); null when none',
        }),
      }),
    ),
    publications: z
      .record(
        z.string(),
        z.object({
          kind: ListKind,
          date: z.string(),
          label: z.string().nullable(),
          sha256: z.string(),
          status: z.string(),
        }),
      )
      .openapi({ description: 'Every publication referred to above, by id' }),
    sources: z.array(SourceRef).openapi({ description: 'Reference files behind placement and population' }),
  })
  .openapi('AgencyDetail');

export const CountyFigure = z
  .object({
    fips: z.string(),
    name: z.string(),
    state: z.string(),
    agreements: ModelCounts,
    agencies: z.array(z.string()),
    sheriff: z.object({ holds: z.boolean(), models: z.array(z.string()), agencyIds: z.array(z.string()) }),
    population: Population.nullable(),
  })
  .openapi('CountyFigure');

const CoverageFigures = z.object({
  sheriffCounties: z.object({
    counties: z.number().int(),
    residents: z.number().int(),
    hispanic: z.number().int(),
  }),
  anyAgreementCounties: z.object({
    counties: z.number().int(),
    residents: z.number().int(),
    hispanic: z.number().int(),
  }),
  agreements: z.object({
    JEM: z.number().int(),
    WSO: z.number().int(),
    TFM: z.number().int(),
    total: z.number().int(),
  }),
  countiesWithoutPopulation: z.number().int(),
});

export const StateFigure = z
  .object({
    state: z.string(),
    name: z.string(),
    agencies: z.object({ active: z.number().int(), pending: z.number().int() }),
    agreements: z.object({
      active: z.number().int(),
      pending: z.number().int(),
      byModel: ModelCounts,
    }),
    coverage: CoverageFigures.nullable(),
  })
  .openapi('StateFigure');

const Residents = z.object({
  counties: z.number().int(),
  residents: z.number().int(),
  hispanic: z.number().int(),
});

export const Stats = z
  .object({
    date: z.string().openapi({ description: 'The date the figures are for' }),
    agreements: z.object({ active: z.number().int(), pending: z.number().int(), byModel: ModelCounts }),
    agencies: z.object({ active: z.number().int(), pending: z.number().int(), total: z.number().int() }),
    states: z.number().int().openapi({ description: 'States with an agreement in force' }),
    coverage: z
      .object({
        sheriffCounties: Residents,
        anyAgreementCounties: Residents,
        countiesWithoutPopulation: z.number().int(),
        byModel: z.object({
          JEM: z.object({ sheriffCounties: Residents, anyAgreementCounties: Residents }),
          WSO: z.object({ sheriffCounties: Residents, anyAgreementCounties: Residents }),
          TFM: z.object({ sheriffCounties: Residents, anyAgreementCounties: Residents }),
        }),
      })
      .nullable()
      .openapi({ description: 'Residents of covered counties (null until reference files are ingested)' }),
    sources: z.array(SourceRef),
  })
  .openapi('Stats');

export const SearchHit = z
  .object({
    type: z.enum(['agency', 'county', 'state']),
    id: z.string(),
    name: z.string(),
    label: z.string(),
    state: z.string().nullable(),
    match: z.enum(['exact', 'prefix', 'words', 'fuzzy']),
    score: z.number(),
    status: AgencyStatus.nullable(),
    models: z.array(z.string()),
    agencyIds: z.array(z.string()),
    hasAgreement: z.boolean(),
    path: z.string(),
    aliases: z.array(z.string()),
    context: z.array(z.string()),
  })
  .openapi('SearchHit');

// ---------------------------------------------------------------------------------------------------------------
// Response bodies

export const AgencyList = envelope(z.array(AgencySummary), 'AgencyList');
export const AgencyResponse = envelope(AgencyDetail, 'AgencyResponse');
export const AgreementList = envelope(z.array(Agreement), 'AgreementList');

export const FormerAgreementId = z
  .object({
    agreementId: z.string().openapi({ description: 'An ID this agreement had, or that named its listings' }),
    kind: z.enum(['absorbed', 'rebuilt']).openapi({
      description:
        '`absorbed`: another agreement took over its listings (a stand-in label); `rebuilt`: a rebuild of the history gave its listing rows to this agreement',
    }),
    reason: z.string(),
    date: z.string().openapi({ description: 'When the ID was retired' }),
  })
  .openapi('FormerAgreementId');

export const AgreementDetail = Agreement.extend({
  formerIds: z.array(FormerAgreementId).openapi({
    description: 'Retired IDs that resolve to this agreement (asking for one answers this agreement)',
  }),
}).openapi('AgreementDetail');
export const AgreementResponse = envelope(AgreementDetail, 'AgreementResponse');
export const EventList = envelope(z.array(Event), 'EventList');
export const PublicationList = envelope(z.array(Publication), 'PublicationList');
export const CountyList = envelope(
  z.object({ date: z.string(), counties: z.array(CountyFigure), sources: z.array(SourceRef) }),
  'CountyList',
);
export const StateList = envelope(
  z.object({ date: z.string(), states: z.array(StateFigure), sources: z.array(SourceRef) }),
  'StateList',
);
export const StatsResponse = envelope(Stats, 'StatsResponse');
export const SearchResponse = envelope(z.array(SearchHit), 'SearchResponse');

export type TAgreement = z.infer<typeof Agreement>;
export type TEvent = z.infer<typeof Event>;
export type TPublication = z.infer<typeof Publication>;
export type TAgencySummary = z.infer<typeof AgencySummary>;
export type TAgencyDetail = z.infer<typeof AgencyDetail>;
export type TCountyFigure = z.infer<typeof CountyFigure>;
export type TStateFigure = z.infer<typeof StateFigure>;
export type TStats = z.infer<typeof Stats>;
export type TMeta = z.infer<typeof Meta>;
export type TSourceRef = z.infer<typeof SourceRef>;
export type TPlacement = z.infer<typeof Placement>;
export type TPopulation = z.infer<typeof Population>;

// ---------------------------------------------------------------------------------------------------------------
// Evidence records (issue 18): published (and retracted) records only

export const EvidenceSourceSchema = z
  .object({
    url: z.string().openapi({ description: 'http(s) address of the source' }),
    publisher: z.string(),
    date: z.string().nullable().openapi({ description: 'As the source shows it (YYYY-MM-DD), or null' }),
    quote: z.string().openapi({ description: 'The passage relied on, quoted as read' }),
    archivedSha256: z
      .string()
      .nullable()
      .openapi({ description: 'sha256 of the latest archived copy, when fetched' }),
    archives: z
      .array(
        z.object({
          sha256: z.string(),
          mediaType: z.string(),
          retrievedAt: z.string().openapi({ description: 'The latest retrieval that gave these bytes' }),
          finalUrl: z
            .string()
            .nullable()
            .openapi({ description: 'Where the answer came from after redirects' }),
        }),
      )
      .openapi({
        description:
          'Archived copies, one per content seen (a page that changed keeps both), the current one last; each is served at /files/{sha256}.{ext}',
      }),
  })
  .openapi('EvidenceSource');

const Byline = z.object({ name: z.string(), at: z.string() });

export const EvidenceRecord = z
  .object({
    recordId: z.string().openapi({ example: 'evd-0a1b2c3d4e' }),
    version: z.number().int().openapi({ description: 'The published version' }),
    agencyId: z
      .string()
      .nullable()
      .openapi({ description: 'Stable agency ID, or null (county-only record)' }),
    agencyName: z.string(),
    state: z.string(),
    countyFips: z.string().nullable(),
    kind: z.string().openapi({ description: 'doj-findings, court-ruling, lawsuit, death-in-custody, …' }),
    date: z.string().openapi({ description: 'When the event happened or the document is dated' }),
    title: z.string(),
    summary: z.string().openapi({ description: 'Plain text' }),
    status: z.string().openapi({ description: 'alleged, found, settled, dismissed, ongoing, recorded' }),
    criteria: z.array(z.string()).openapi({ description: 'ACLU License to Abuse criteria it bears on' }),
    checklist: z.array(z.number().int()).openapi({ description: 'DOJ-guidance checklist items (1-16)' }),
    sources: z.array(EvidenceSourceSchema),
    retracted: z.object({ at: z.string(), reason: z.string() }).nullable(),
    editor: Byline,
    reviewer: Byline,
    firstPublishedAt: z.string(),
    publishedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('EvidenceRecord');

export const EvidenceList = envelope(z.array(EvidenceRecord), 'EvidenceList');
export const EvidenceResponse = envelope(EvidenceRecord, 'EvidenceResponse');
