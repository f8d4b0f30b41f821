/** The counties of a `us-atlas` TopoJSON file (counties-10m.json): FIPS code and name of every county. */
import { InputError } from '../../domain/errors.ts';
import { type County, isIndependentCity } from '../../domain/geography.ts';
import { stateByFips } from '../../reference/us-states.ts';

interface Topology {
  type?: string;
  objects?: { counties?: { geometries?: { id?: unknown; properties?: { name?: unknown } }[] } };
}

/** Reads the counties of a us-atlas topology; `file` is named in every error. */
export function parseCountyTopology(bytes: Buffer, file: string): County[] {
  let topo: Topology;
  try {
    topo = JSON.parse(bytes.toString('utf8')) as Topology;
  } catch {
    throw new InputError(file, 'not JSON: a us-atlas county topology was expected');
  }
  const geoms = topo.objects?.counties?.geometries;
  if (topo.type !== 'Topology' || !Array.isArray(geoms))
    throw new InputError(file, 'not a TopoJSON topology with a "counties" object');
  const out: County[] = [];
  geoms.forEach((g, i) => {
    const id = typeof g.id === 'string' ? g.id : null;
    const name = typeof g.properties?.name === 'string' ? g.properties.name : null;
    if (!id || !/^\d{5}$/.test(id) || !name)
      throw new InputError(
        file,
        `county geometry ${i}: field id or properties.name missing or not a FIPS code`,
      );
    const st = stateByFips(id.slice(0, 2));
    if (!st)
      throw new InputError(file, `county geometry ${i}: field id ${id} has an unknown state FIPS code`);
    out.push({ fips: id, state: st.usps, name, city: isIndependentCity(id) });
  });
  return out;
}
