/**
 * One error hierarchy for the whole pipeline. Every input problem names the file, and where it can, the row and
 * the field, so a person can open the file and see it.
 */
export class ReassessError extends Error {
  override name = 'ReassessError';
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 1;
}

/** A file (or downloaded body) that cannot be read as the input it claims to be. Nothing is stored. */
export class InputError extends ReassessError {
  override name = 'InputError';
  override readonly exitCode = 3;
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly row?: number,
    readonly field?: string,
  ) {
    super(`${file}${row !== undefined ? `, row ${row}` : ''}${field ? `, field ${field}` : ''}: ${reason}`);
  }
}

/** The embedded ledger folder is held by another process. */
export class LockedError extends ReassessError {
  override name = 'LockedError';
  override readonly exitCode = 4;
}

/** A network retrieval that failed after its retries. */
export class FetchError extends ReassessError {
  override name = 'FetchError';
  override readonly exitCode = 5;
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** Bad command-line usage. */
export class UsageError extends ReassessError {
  override name = 'UsageError';
  override readonly exitCode = 2;
}

/** A reviewed data file in src/reference/ that does not have the required shape. */
export class ReferenceFileError extends ReassessError {
  override name = 'ReferenceFileError';
  override readonly exitCode = 6;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
  }
}

/** The embedded database folder exists but cannot be opened (damaged); the raw files are untouched. */
export class LedgerDamagedError extends ReassessError {
  override name = 'LedgerDamagedError';
  override readonly exitCode = 7;
}
