/** Plain-English wording shared by the API, the feeds and the downloads. */

export const MODEL_NAMES: Record<string, string> = {
  JEM: 'Jail Enforcement Model',
  WSO: 'Warrant Service Officer',
  TFM: 'Task Force Model',
};

export function modelName(model: string | null | undefined): string | null {
  if (!model) return null;
  return MODEL_NAMES[model] ?? model;
}

export interface EventLike {
  kind: string;
  list: string;
  state: string | null;
  name: string | null;
  model: string | null;
  details: Record<string, unknown>;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** `Added: Gulfport Police Department (MS), Task Force Model`. */
export function eventTitle(e: EventLike): string {
  const who = `${e.name ?? 'Unnamed agency'}${e.state ? ` (${e.state})` : ''}`;
  const model = modelName(e.model ?? str(e.details.model));
  const withModel = model ? `${who}, ${model}` : who;
  const pending = e.list === 'pending';
  switch (e.kind) {
    case 'added':
      return pending ? `Added to the pending list: ${withModel}` : `Added: ${withModel}`;
    case 'removed':
      return pending ? `Removed from the pending list: ${withModel}` : `Removed: ${withModel}`;
    case 'returned':
      return pending ? `Back on the pending list: ${withModel}` : `Returned: ${withModel}`;
    case 'pending-to-signed':
      return `Signed (was pending): ${withModel}`;
    case 'model-added':
      return `Model added: ${withModel}`;
    case 're-signed': {
      const to = str(e.details.to);
      return `Re-signed: ${withModel}${to ? `, new agreement signed ${to}` : ''}`;
    }
    case 'signed-date-changed': {
      const to = str(e.details.to);
      const from = str(e.details.from);
      return `Signed date changed: ${withModel}${from || to ? `, ${from ?? '?'} → ${to ?? '?'}` : ''}`;
    }
    case 'renamed': {
      const from = str(e.details.from);
      const to = str(e.details.to) ?? e.name;
      return `Renamed: ${from ?? 'unknown'} → ${to ?? 'unknown'}${e.state ? ` (${e.state})` : ''}`;
    }
    case 'moved': {
      const parts = Object.entries(e.details)
        .filter(([, v]) => typeof v === 'string' && v.includes('>'))
        .map(([k, v]) => `${k} ${(v as string).replace('>', ' → ')}`);
      return `Moved: ${who}${parts.length ? `, ${parts.join(', ')}` : ''}`;
    }
    default:
      return `${e.kind}: ${withModel}`;
  }
}

/** Kind word of a county-equivalent, for labels: `Calcasieu Parish`, `Richmond city`, `St. Johns County`. */
export function countyLabel(name: string, state: string, fips: string): string {
  const st = fips.slice(0, 2);
  const cty = Number(fips.slice(2));
  const city = (st === '51' && cty >= 500) || ['24510', '29510', '32510'].includes(fips);
  if (/\b(county|parish|borough|city|census area|municipality|municipio)$/i.test(name)) return name;
  if (city) return `${name} city`;
  if (state === 'LA') return `${name} Parish`;
  if (['AK', 'AS', 'GU', 'MP', 'VI'].includes(state)) return name;
  if (state === 'PR') return `${name} Municipio`;
  return `${name} County`;
}
