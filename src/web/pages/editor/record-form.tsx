/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Writing a record: every field of its content, sources as rows (two empty rows to add more; no script), a note
 * on the change, and two buttons: preview (shows the record as the public will read it and what is still missing,
 * saves nothing) and save (a new version; earlier ones stay).
 */
import {
  CHECKLIST_ITEMS,
  CRITERIA,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  type EvidenceContent,
} from '../../../domain/evidence.ts';
import type { Problem } from '../../../evidence/validate.ts';
import { CHECKLIST_LABELS, CRITERION_LABELS, KIND_LABELS, STATUS_LABELS } from '../../evidence-text.ts';
import { RecordCard } from '../evidence/record-card.tsx';
import { Csrf, type EditorCtx, editorDocument } from './layout.tsx';

function Field(p: {
  name: string;
  label: string;
  value: string;
  max?: number;
  hint?: string;
  type?: 'text' | 'url' | 'date';
}) {
  return (
    <>
      <label for={`f-${p.name}`}>{p.label}</label>
      <input
        id={`f-${p.name}`}
        name={p.name}
        value={p.value}
        maxLength={p.max ?? 200}
        type={(p.type ?? 'text') as 'text'}
      />
      {p.hint ? <span class="note">{p.hint}</span> : null}
    </>
  );
}

function Choice(p: { name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <>
      <label for={`f-${p.name}`}>{p.label}</label>
      <select id={`f-${p.name}`} name={p.name}>
        {p.options.map(([v, l]) => (
          <option key={v} value={v} selected={p.value === v}>
            {l}
          </option>
        ))}
      </select>
    </>
  );
}

function SourceRows({ c }: { c: EvidenceContent }) {
  const rows = [...c.sources, ...Array.from({ length: 2 }, () => null)];
  return (
    <fieldset>
      <legend>Sources (http or https only; quote the passage relied on exactly)</legend>
      {rows.map((s, i) => (
        <fieldset key={i}>
          <legend>Source {i + 1}</legend>
          <Field name={`source_url_${i}`} label="Address (URL)" value={s?.url ?? ''} max={2000} type="url" />
          <Field name={`source_publisher_${i}`} label="Publisher" value={s?.publisher ?? ''} />
          <Field
            name={`source_date_${i}`}
            label="Date (YYYY-MM-DD, empty if the source shows none)"
            value={s?.date ?? ''}
            max={10}
          />
          <label for={`f-source_quote_${i}`}>Passage relied on (quoted exactly)</label>
          <textarea id={`f-source_quote_${i}`} name={`source_quote_${i}`} rows={3} maxLength={1500}>
            {s?.quote ?? ''}
          </textarea>
          <Field
            name={`source_sha_${i}`}
            label="sha256 of an archived copy (optional)"
            value={s?.archivedSha256 ?? ''}
            max={64}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

function Checks({ c }: { c: EvidenceContent }) {
  return (
    <>
      <fieldset class="checks">
        <legend>ACLU criteria it bears on</legend>
        {CRITERIA.map((k) => (
          <label key={k}>
            <input type="checkbox" name="criteria" value={k} checked={c.criteria.includes(k)} />{' '}
            {CRITERION_LABELS.en[k]}
          </label>
        ))}
      </fieldset>
      <fieldset class="checks">
        <legend>DOJ guidance checklist items it bears on</legend>
        {CHECKLIST_ITEMS.map((n) => (
          <label key={n}>
            <input type="checkbox" name="checklist" value={String(n)} checked={c.checklist.includes(n)} /> {n}
            . {CHECKLIST_LABELS.en[n - 1]}
          </label>
        ))}
      </fieldset>
    </>
  );
}

export interface FormState {
  action: string;
  content: EvidenceContent;
  note: string;
  problems: Problem[];
  /** Shown after "preview": what the public would read, and what it still lacks to be published. */
  preview: { missing: Problem[] } | null;
}

function Problems({ title, list }: { title: string; list: Problem[] }) {
  if (list.length === 0) return null;
  return (
    <div class="problems" role="alert">
      <p>{title}</p>
      <ul>
        {list.map((p, i) => (
          <li key={i}>
            <code>{p.field}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function recordFormPage(ctx: EditorCtx, title: string, s: FormState): string {
  const c = s.content;
  return editorDocument(
    ctx,
    title,
    <>
      <Problems title="Not saved: fix these fields." list={s.problems} />
      {s.preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">Preview (not saved)</h2>
          <Problems title="Before it can be submitted for review, it still needs:" list={s.preview.missing} />
          <RecordCard lang="en" r={c} showAgency heading="h3" />
        </section>
      ) : null}
      <form method="post" action={s.action} class="record-form">
        <Csrf ctx={ctx} />
        <Field
          name="agencyId"
          label="Agency ID (agy-…, from the agency's page) — empty for a county-only record"
          value={c.agencyId ?? ''}
          max={14}
        />
        <Field name="agencyName" label="Agency name" value={c.agencyName} />
        <Field name="state" label="State (USPS code)" value={c.state} max={2} />
        <Field
          name="countyFips"
          label="County FIPS (5 digits; for sheriffs' offices and jails)"
          value={c.countyFips ?? ''}
          max={5}
        />
        <Choice
          name="kind"
          label="Kind"
          value={c.kind}
          options={EVIDENCE_KINDS.map((k) => [k, KIND_LABELS.en[k]])}
        />
        <Field name="date" label="Date of the event or document (YYYY-MM-DD)" value={c.date} max={10} />
        <Field name="title" label="Title" value={c.title} />
        <label for="f-summary">Summary in plain words (plain text)</label>
        <textarea id="f-summary" name="summary" rows={6} maxLength={4000}>
          {c.summary}
        </textarea>
        <Choice
          name="status"
          label="Status"
          value={c.status}
          options={EVIDENCE_STATUSES.map((k) => [k, STATUS_LABELS.en[k]])}
        />
        <Checks c={c} />
        <SourceRows c={c} />
        <Field name="note" label="What changed and why (kept with the version)" value={s.note} max={500} />
        <p>
          <button type="submit" name="do" value="preview" class="button">
            Preview
          </button>{' '}
          <button type="submit" name="do" value="save" class="button">
            Save a new version
          </button>
        </p>
      </form>
    </>,
  );
}
