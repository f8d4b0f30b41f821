/** State lookups by FIPS or USPS code, for the geography stage (the table lives in reference/us-states.ts). */
export { allStates, type StateInfo, stateByFips, stateByUsps } from '../reference/us-states.ts';
