/**
 * The API's shapes, one zod schema each: they validate requests, type the handlers, generate the OpenAPI 3.1
 * document, and the tests check every response against them.
 */
import { z } from '@hono/zod-openapi';
import { LEVELS } from '../domain/geography.ts';

export const MODELS = ['JEM', 'WSO', 'TFM'] as const;
export const LEVEL_VALUES = LEVELS;
export const EVENT_KINDS = [
  'added',
  'removed',
  'renamed',
  'moved',
  'model-added',
  'signed-date-changed',
  'pending-to-signed',
  'returned',
] as const;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date (not 2025-02-30). */
export function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const DateString = z
  .string()
  .refine(isDate, { message: 'expected a date YYYY-MM-DD' })
  .openapi({ format: 'date', example: '2025-03-24' });

export const Model = z.enum(MODELS).openapi('Model', {
  description: 'JEM: Jail Enforcement Model; WSO: Warrant Service Officer; TFM: Task Force Model',
});
export const AgencyStatus = z.enum(['active', 'pending', 'removed']).openapi('AgencyStatus');
export const AgreementStatus = z
  .enum(['active', 'pending', 'removed', 'superseded'])
  .openapi('AgreementStatus');
export const Level = z.enum(LEVEL_VALUES).openapi('Level');
export const ListKind = z.enum(['participating', 'pending']).openapi('ListKind');
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
    agreementId: z.string().openapi({ example: 'agr-0a1b2c3d4e' }),
    agencyId: z.string(),
    state: z.string(),
    name: z.string().openapi({ description: 'The agency name as listed with this agreement' }),
    model: Model,
    status: AgreementStatus,
    signed: z.string().nullable().openapi({ description: 'Signed date, corrected' }),
    signedPublished: z.string().nullable().openapi({ description: 'Signed date as published by ICE' }),
    signedRule: z
      .string()
      .nullable()
      .openapi({ description: 'How the published date was read or corrected' }),
    signedHistory: z.array(SignedEntry),
    firstListed: z.string(),
    lastListed: z.string(),
    firstPublication: z.number().int(),
    lastPublication: z.number().int(),
    firstPending: z.string().nullable(),
    firstParticipating: z.string().nullable(),
    daysPendingToSigned: z.number().int().nullable(),
    moaUrl: z.string().nullable(),
    addendumUrl: z.string().nullable(),
    secondaryOnly: z.boolean(),
    supersedes: z.string().nullable(),
    supersededBy: z.string().nullable(),
    intervals: z.array(Interval),
  })
  .openapi('Agreement');

export const Event = z
  .object({
    eventId: z.string(),
    date: z.string(),
    kind: z.string().openapi({ enum: [...EVENT_KINDS] }),
    list: ListKind,
    agencyId: z.string(),
    agreementId: z.string().nullable(),
    state: z.string().nullable(),
    name: z.string().nullable(),
    model: z.string().nullable(),
    publication: z.number().int(),
    title: z.string().openapi({ description: 'The event in plain English' }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('Event');

export const Publication = z
  .object({
    publicationId: z.number().int(),
    kind: ListKind,
    date: z.string().openapi({ description: 'As-of date (when ICE last saved the workbook)' }),
    asOf: z.string(),
    source: z.string(),
    era: z.string(),
    label: z.string().nullable(),
    sha256: z.string(),
    rows: z.number().int(),
    agreements: z.number().int(),
    models: z.record(z.string(), z.number().int()),
    states: z.number().int(),
    hiddenRows: z.number().int(),
    status: z.string().openapi({ description: 'ok, duplicate-content or quarantined' }),
    statusReason: z.string().nullable(),
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
    agencyId: z.string().openapi({ example: 'agy-0a1b2c3d4e' }),
    name: z.string(),
    state: z.string(),
    status: AgencyStatus,
    models: z.array(Model).openapi({ description: 'Models of the agreements in force' }),
    pendingModels: z.array(Model),
    level: Level.nullable(),
    countyFips: z.array(z.string()),
    place: z.string().nullable(),
    ori: z.string().nullable(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    names: z.array(z.string()).openapi({ description: 'Every name the agency was listed under' }),
    agreements: z.object({ active: z.number().int(), pending: z.number().int(), total: z.number().int() }),
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
