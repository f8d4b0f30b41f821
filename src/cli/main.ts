#!/usr/bin/env node
/**
 * The `reassess` command line. Results go to stdout (--json on every listing), progress and errors to stderr.
 * Exit codes: 0 ok · 1 failure · 2 usage · 3 an input was rejected · 4 ledger folder locked · 5 network ·
 * 6 reviewed reference file malformed · 7 the ledger database folder cannot be opened (`reassess recover`).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { terminalText } from '../domain/display-text.ts';
import { ReassessError, UsageError } from '../domain/errors.ts';
import { readsOnly } from './access.ts';
import { type Context, ledgerOpener } from './context.ts';

export const USAGE = `reassess — a public ledger of the U.S. 287(g) program

usage: reassess COMMAND [options]

commands:
  start                         sync from ice.gov, print a summary, then serve the site (npm start;
                                REASSESS_NO_SERVE=1 stops after the summary)
  sync [--no-moas] [--no-references]
                                download ICE's current workbooks (and linked MOA PDFs), the FBI agency
                                table and ACS county population, and ingest them
  backfill [--from D] [--to D] [--limit N]
                                recover past ICE workbooks from the Wayback Machine and ingest them
  ingest PATH...                ingest workbooks and reference files (FBI LEE CSV, ACS B03002,
                                us-atlas counties) from files or folders; prints a run report
  summary                       what the ledger holds
  snapshots [--kind K]          one entry per publication
  diff DATE_A DATE_B [--kind participating|pending]
  agreements [--active-on DATE] [--state XX] [--status S]
  agency ID_OR_NAME [--state XX]
  changes --since DATE [--kind K] [--state XX]
  review                        identity decisions waiting for review
  export --format csv|json [--out DIR]
  serve [--port N] [--base-url URL]
                                serve the site, the API (/api/v1), feeds and downloads (default port 8287)
  publish --out DIR [--base-url URL]
                                write the whole site as static files (pages, API snapshots, downloads, feeds)
  places [--unplaced] [--state XX]
                                every agency's jurisdiction and how it was placed (--unplaced: the review list)
  counties [--on DATE] [--state XX]
                                per-county figures: agreements by model, sheriff, population
  coverage [--on DATE]          residents (and Hispanic residents) of counties under a 287(g) sheriff, by state
  documents [search QUERY|ocr] [--agency ID_OR_NAME] [--state XX] [--model M] [--template T] [--year Y]
        [--limit N] [--wait]
                                the archived MOA and addendum PDFs (pages, OCR, model, party, template,
                                signatures, the agreements that link each); search: full-text search of every
                                page ("a phrase", prefix*, -excluded); ocr: read the queued scanned pages now,
                                with progress (--wait also waits for pages another process is reading)
  recover                       rebuild an embedded ledger that cannot be opened from its raw files (the
                                damaged database folder is kept aside)
  verify [--refetch]            re-hash every raw file against its sha256 and name the damaged or missing
                                ones (exit 3); --refetch downloads them again from their recorded URL
  stops ingest|list|rates|vod|threshold|before-after [FILE|DATASET] [--name NAME] [--agency ID_OR_NAME]
        [--mapping FILE] [--county FIPS] [--centre LAT,LNG] [--time-zone ZONE] [--population RACE=N,...]
        [--from D] [--to D] [--adjust COLUMN] [--round-minutes N] [--df N] [--dst] [--seed N]
        [--design did|event|spillover] [--unit COLUMN] [--treated UNIT] [--agreement ID]
                                stop data (issue 17): ingest an OPP stop file (CSV or zip) or another
                                publisher's file through a reviewed mapping; list datasets; run a method
                                (stop/search/hit rates, veil of darkness, threshold, before/after 287(g))
                                with its gates and caveats, recorded in the ledger
  users add|list|role|disable|enable|unlock|password|revoke [USERNAME] [ROLE] [--role R] [--name NAME]
        [--password-stdin]
                                editors' accounts (issue 18; no public sign-up): roles contributor,
                                reviewer, admin; add and password print a new password once
  evidence import [FILE] | export [--out FILE] | archive [--all]
                                evidence records: import a reviewed evidence file (default: the seed
                                file; nothing is published until a reviewer approves it), export all, or
                                archive public records' sources by sha256 (--all: fetch archived ones again)
  editors audit-log [--since D] [--format csv|json]
                                the audit log of every change by editors, the CLI and the public
  audit                         the identity audit: what looks wrong in the history (removals beside additions,
                                near names in one list, late signed dates, one-list agencies, shared documents,
                                duplicate rows, unplaced agencies), with evidence, a suggested fix, and what resolved it

options:
  --json            machine-readable output
  --data-dir DIR    embedded ledger folder (default: $REASSESS_HOME or ~/.local/share/reassess)
  -h, --help        this help
environment: DATABASE_URL (use a PostgreSQL server), REASSESS_HOME, REASSESS_ICE_PAGE_URL, REASSESS_CDX_URL,
  REASSESS_DUCKDB_PATH, REASSESS_DUCKDB_MEMORY (the stop-data DuckDB file and its memory limit), REASSESS_WAYBACK_URL, REASSESS_TIMEOUT_MS, REASSESS_RETRIES, REASSESS_FBI_LEE_URL, REASSESS_ACS_URL,
  REASSESS_ZCTA_URL, REASSESS_PLACES_URL, REASSESS_COUSUBS_URL (Census ZIP and place files),
  REASSESS_ACS_VINTAGE, REASSESS_CENSUS_API_KEY, REASSESS_PORT, REASSESS_HOST, REASSESS_BASE_URL,
  REASSESS_CORRECTIONS (mailto: address or GitHub repository offered beside the tip form), REASSESS_NO_SERVE
exit codes: 0 ok, 1 failure, 2 usage, 3 input rejected (verify: a raw file damaged), 4 ledger locked, 5 network, 6 reference file,
  7 ledger database damaged (see recover)`;

type Command = (ctx: Context) => Promise<number>;

/**
 * Commands are imported when run: a quick query (`reassess coverage`) does not load the site, the ingest pipeline
 * or the sync code (about a second of start-up under tsx).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./sync.ts')).runStart,
  sync: async () => (await import('./sync.ts')).runSync,
  backfill: async () => (await import('./sync.ts')).runBackfill,
  summary: async () => (await import('./sync.ts')).runSummary,
  ingest: async () => (await import('./ingest.ts')).run,
  snapshots: async () => (await import('./snapshots.ts')).run,
  diff: async () => (await import('./diff.ts')).run,
  agreements: async () => (await import('./agreements.ts')).run,
  agency: async () => (await import('./agency.ts')).run,
  changes: async () => (await import('./changes.ts')).run,
  review: async () => (await import('./review.ts')).run,
  export: async () => (await import('./export.ts')).run,
  places: async () => (await import('./places.ts')).run,
  counties: async () => (await import('./counties.ts')).run,
  coverage: async () => (await import('./coverage.ts')).run,
  recover: async () => (await import('./recover.ts')).run,
  verify: async () => (await import('./verify.ts')).run,
  serve: async () => (await import('./serve.ts')).runServe,
  publish: async () => (await import('./publish.ts')).run,
  stops: async () => (await import('./stops.ts')).run,
  users: async () => (await import('./users.ts')).run,
  evidence: async () => (await import('./evidence.ts')).run,
  editors: async () => (await import('./editors.ts')).run,
  audit: async () => (await import('./audit.ts')).run,
  documents: async () => (await import('./documents.ts')).run,
};

export async function main(argv: string[], env = process.env, io = { out: console.log, err: console.error }) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        kind: { type: 'string' },
        state: { type: 'string' },
        status: { type: 'string' },
        'active-on': { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string' },
        'no-moas': { type: 'boolean' },
        'page-url': { type: 'string' },
        'cdx-url': { type: 'string' },
        'wayback-url': { type: 'string' },
        port: { type: 'string' },
        'base-url': { type: 'string' },
        unplaced: { type: 'boolean' },
        'no-references': { type: 'boolean' },
        refetch: { type: 'boolean' },
        on: { type: 'string' },
        name: { type: 'string' },
        agency: { type: 'string' },
        mapping: { type: 'string' },
        county: { type: 'string' },
        centre: { type: 'string' },
        'time-zone': { type: 'string' },
        population: { type: 'string' },
        adjust: { type: 'string' },
        'round-minutes': { type: 'string' },
        df: { type: 'string' },
        dst: { type: 'boolean' },
        seed: { type: 'string' },
        design: { type: 'string' },
        unit: { type: 'string' },
        treated: { type: 'string' },
        agreement: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        model: { type: 'string' },
        template: { type: 'string' },
        year: { type: 'string' },
        wait: { type: 'boolean' },
      },
    });
    const [command, ...args] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    // Text output shows control characters and bidi overrides in names escaped (domain/display-text.ts); JSON
    // output stays exact (JSON.stringify already escapes the control characters).
    const ctx: Context = {
      args,
      flags: values,
      env,
      now: () => new Date(),
      out: values.json === true ? io.out : (s: string) => io.out(terminalText(s)),
      err: (s: string) => io.err(terminalText(s)),
      json: values.json === true,
      ledger: ledgerOpener(values, env, { command, readOnly: readsOnly(command, args, values) }),
    };
    return await (await load())(ctx);
  } catch (e) {
    if (e instanceof ReassessError) {
      io.err(terminalText(`reassess: ${e.message}`));
      return e.exitCode;
    }
    if (
      e instanceof TypeError &&
      /Unknown option|Unexpected argument|ERR_PARSE_ARGS/.test(
        `${(e as NodeJS.ErrnoException).code} ${e.message}`,
      )
    ) {
      io.err(terminalText(`reassess: ${e.message}`));
      return 2;
    }
    io.err(terminalText(`reassess: unexpected failure: ${(e as Error).stack ?? String(e)}`));
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  // `reassess snapshots --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
