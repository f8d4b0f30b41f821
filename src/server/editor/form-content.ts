/** The record form's fields (src/web/pages/editor/record-form.tsx) read into content for the evidence layer. */
import type { EvidenceContent } from '../../domain/evidence.ts';
import { readContent } from '../../evidence/validate.ts';

export function formContent(f: URLSearchParams): ReturnType<typeof readContent> {
  const sources = [];
  for (let i = 0; i < 40 && f.has(`source_url_${i}`); i++) {
    const url = (f.get(`source_url_${i}`) ?? '').trim();
    if (!url) continue;
    sources.push({
      url,
      publisher: f.get(`source_publisher_${i}`) ?? '',
      date: (f.get(`source_date_${i}`) ?? '').trim() || null,
      quote: f.get(`source_quote_${i}`) ?? '',
      archivedSha256: (f.get(`source_sha_${i}`) ?? '').trim() || null,
    });
  }
  const input: Record<string, unknown> = {
    agencyId: f.get('agencyId') ?? '',
    agencyName: f.get('agencyName') ?? '',
    state: f.get('state') ?? '',
    countyFips: f.get('countyFips') ?? '',
    kind: f.get('kind') ?? '',
    date: f.get('date') ?? '',
    title: f.get('title') ?? '',
    summary: f.get('summary') ?? '',
    status: f.get('status') ?? '',
    criteria: f.getAll('criteria'),
    checklist: f.getAll('checklist').map(Number),
    sources,
  };
  return readContent(input);
}

export const EMPTY_CONTENT: EvidenceContent = {
  agencyId: null,
  agencyName: '',
  state: '',
  countyFips: null,
  kind: 'doj-findings',
  date: '',
  title: '',
  summary: '',
  status: 'alleged',
  criteria: [],
  checklist: [],
  sources: [],
};

/** A record's content as one text, field by field, for the word diff against the published version. */
export function contentText(c: EvidenceContent): string {
  return [
    `Title: ${c.title}`,
    `Agency: ${c.agencyName} (${c.state}) ${c.agencyId ?? ''} ${c.countyFips ?? ''}`,
    `Kind: ${c.kind} · Status: ${c.status} · Date: ${c.date}`,
    `Summary: ${c.summary}`,
    `Criteria: ${c.criteria.join(', ')} · Checklist: ${c.checklist.join(', ')}`,
    ...c.sources.map((s, i) => `Source ${i + 1}: ${s.url} ${s.publisher} ${s.date ?? ''} “${s.quote}”`),
  ].join('\n');
}
