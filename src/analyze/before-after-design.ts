/**
 * Which units a before/after design compares (§8), decided from metadata only: the agreement registry and the
 * months each unit of the dataset covers. Agency design (Coon 2017): the treated unit named on the command line
 * with its agreement; comparison units are the dataset's other units with ≥ 12 months either side of signing and
 * no agreement in the registry. Spillover design (Pham & Van 2022): counties of a state patrol's stops, treated
 * where the county's sheriff or jail signed, compared with same-state counties without any agreement.
 */
import { UsageError } from '../domain/errors.ts';
import type { AgreementRegistry, RegistryEntry } from '../store/agreement-registry.ts';
import {
  agreementsOfUnit,
  type ComparisonSet,
  coversBothSides,
  nameKey,
  type TreatedUnit,
  type UnitCoverage,
} from './comparison-set.ts';

type Chosen = Omit<ComparisonSet, 'chosenAt' | 'reused'>;

export function chooseAgencyDesign(
  units: UnitCoverage[],
  registry: AgreementRegistry,
  column: string,
  treatedUnit: string,
  agreement: RegistryEntry,
): Chosen {
  if (!agreement.signed)
    throw new UsageError(`agreement ${agreement.agreementId} has no signed date in the ledger`);
  const signed = agreement.signed;
  const t = units.find((u) => u.unit === treatedUnit);
  if (!t) throw new UsageError(`--treated: no ${column} "${treatedUnit}" in the dataset`);
  if (!coversBothSides(t, signed))
    throw new UsageError(
      `--treated: ${treatedUnit} has stops from ${t.first} to ${t.last}, not 12 months either side of ${signed}`,
    );
  const last =
    units
      .map((u) => u.last)
      .sort()
      .at(-1) ?? '0000-00';
  const excluded: string[] = [];
  const controls = units
    .filter((u) => u.unit !== treatedUnit && coversBothSides(u, signed))
    .filter((u) => {
      const hit = agreementsOfUnit(u.unit, registry).filter((r) => r.signed && r.signed.slice(0, 7) <= last);
      if (hit.length) excluded.push(`${u.unit} (${hit.map((r) => r.agreementId).join(', ')})`);
      return hit.length === 0;
    })
    .map((u) => u.unit);
  const treated: TreatedUnit[] = [{ unit: treatedUnit, agreementId: agreement.agreementId, signed }];
  return {
    treated,
    controls,
    rationale: `Treated: ${column} "${treatedUnit}", agreement ${agreement.agreementId} (${agreement.agencyName}, ${agreement.model}) signed ${signed}. Comparison: every other ${column} of the dataset with stops 12+ months before and after that date and no agreement in the registry signed by ${last} (agency names matched to unit names, same state)${excluded.length ? `; excluded for an agreement: ${excluded.join('; ')}` : ''}. Chosen from the registry and the units' months only, before any outcome was read.`,
  };
}

const COUNTY_WORDS = / (county|parish|borough|census area|city and borough|municipality)$/;

/** The FIPS of a county name of a state (names compared without "County", "Parish", …). */
export function countyFipsOf(name: string, counties: { fips: string; name: string }[]): string | null {
  const k = nameKey(name).replace(COUNTY_WORDS, '');
  const found = counties.filter((c) => nameKey(c.name).replace(COUNTY_WORDS, '') === k);
  return found.length === 1 ? (found[0] as { fips: string }).fips : null;
}

const isCountyJail = (r: RegistryEntry) => r.level === 'county' || r.role === 'sheriff' || r.role === 'jail';

export function chooseSpilloverDesign(
  units: UnitCoverage[],
  registry: AgreementRegistry,
  counties: { fips: string; name: string }[],
): Chosen {
  const last =
    units
      .map((u) => u.last)
      .sort()
      .at(-1) ?? '0000-00';
  const treated: TreatedUnit[] = [];
  const controls: string[] = [];
  const unmatched: string[] = [];
  for (const u of units) {
    const fips = countyFipsOf(u.unit, counties);
    if (!fips) {
      unmatched.push(u.unit);
      continue;
    }
    const here = registry.filter(
      (r) => r.countyFips.includes(fips) && r.signed && r.signed.slice(0, 7) <= last,
    );
    const sheriff = here
      .filter(isCountyJail)
      .sort((a, b) => ((a.signed as string) < (b.signed as string) ? -1 : 1))[0];
    if (sheriff?.signed && coversBothSides(u, sheriff.signed))
      treated.push({ unit: u.unit, agreementId: sheriff.agreementId, signed: sheriff.signed });
    else if (here.length === 0) controls.push(u.unit);
  }
  return {
    treated,
    controls,
    rationale: `Units: counties of the state patrol's stops (county_name matched to FIPS by name). Treated: counties whose sheriff or county jail signed an agreement with 12+ months of stops either side (the earliest signing). Comparison: the dataset's counties with no agreement of any agency signed by ${last}. Counties with an agreement of another kind, or too little data around signing, are left out${unmatched.length ? `; names not matched to a county: ${unmatched.join(', ')}` : ''}. Chosen from the registry and the units' months only, before any outcome was read.`,
  };
}
