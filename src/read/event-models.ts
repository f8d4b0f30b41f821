/**
 * The models an agency-level event stands under. An event about an agency itself (a new name, another state) has no
 * agreement and so no model; filtered by model (the changes page, its feed), it is kept when the agency had an
 * agreement of that model on ICE's list where the event was seen (participating or pending), on the event's date.
 * Pure: the read model's rows in, a map out (only events without a model are in it).
 */

interface EventLike {
  eventId: string;
  date: string;
  list: string;
  agencyId: string;
  model: string | null;
}

interface AgreementLike {
  agencyId: string;
  model: string;
  intervals: { list: string; from: string; to: string | null; open: boolean }[];
}

/** Event ID → the models (sorted) of its agency's agreements listed on the event's list on its date. */
export function agencyEventModels(
  events: readonly EventLike[],
  agreements: readonly AgreementLike[],
): Map<string, string[]> {
  const byAgency = new Map<string, AgreementLike[]>();
  for (const a of agreements) {
    const list = byAgency.get(a.agencyId);
    if (list) list.push(a);
    else byAgency.set(a.agencyId, [a]);
  }
  const out = new Map<string, string[]>();
  for (const e of events) {
    if (e.model) continue;
    const models = new Set<string>();
    for (const a of byAgency.get(e.agencyId) ?? [])
      if (
        a.intervals.some(
          (i) => i.list === e.list && i.from <= e.date && (i.open || (i.to ?? i.from) >= e.date),
        )
      )
        models.add(a.model);
    out.set(e.eventId, [...models].sort());
  }
  return out;
}
