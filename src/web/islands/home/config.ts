/** The home island's configuration: the `home-config` JSON block the home page writes (pages/home/island-config.ts). */

export interface HomeMessages {
  lang: 'en' | 'es';
  statAsOf: string;
  tableCaption: string;
  detailsNone: string;
  detailsHint: string;
  play: string;
  pause: string;
  mapTitle: string;
  /** Said when the wheel turns over a map that does not zoom with it (not focused, no Ctrl). */
  mapWheelHint: string;
  models: Record<string, string>;
  statuses: Record<string, string>;
  levels: Record<string, string>;
  agencyPath: string;
  /** A county page's path with `__ID__` for its FIPS code. */
  countyPath: string;
}

export interface HomeConfig {
  geometry: string;
  timeline: string;
  stateXY: Record<string, [number, number]>;
  defaults: { statuses: string[] };
  messages: HomeMessages;
}
