/** Why an evidence action is refused: the HTTP status it maps to, and the problems by field when it is a form's. */
import type { Problem } from './validate.ts';

export class EvidenceError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 400,
    readonly problems: Problem[] = [],
  ) {
    super(
      problems.length ? `${message}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}` : message,
    );
  }
}
