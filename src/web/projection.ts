/**
 * The map's composite projection: the lower 48 as d3's geoAlbersUsa draws them, Alaska and Hawaii insets as d3
 * places them, and insets for Puerto Rico and the U.S. Virgin Islands, Guam and the Northern Mariana Islands, and
 * American Samoa, on a 975 × 610 layout (`SCALE` units per pixel). Each place is projected by its state's region.
 * Imports only d3-geo, so the browser can project a location the same way (the `locate` island).
 */
import { type GeoProjection, geoAlbers, geoConicEqualArea } from 'd3-geo';

/** Screen units per pixel of the 975 × 610 layout. */
export const SCALE = 2;
const WIDTH = 975;
const HEIGHT = 610;

export type Region = 'lower48' | 'AK' | 'HI' | 'PR' | 'PAC' | 'AS';

export function regionOf(stateFips: string): Region {
  switch (stateFips) {
    case '02':
      return 'AK';
    case '15':
      return 'HI';
    case '72':
    case '78':
      return 'PR';
    case '66':
    case '69':
      return 'PAC';
    case '60':
      return 'AS';
    default:
      return 'lower48';
  }
}

export function projections(): Record<Region, GeoProjection> {
  const k = 1300;
  const x = WIDTH / 2;
  const y = HEIGHT / 2;
  return {
    // The same parameters as d3.geoAlbersUsa().scale(1300).translate([487.5, 305]).
    lower48: geoAlbers().scale(k).translate([x, y]),
    AK: geoConicEqualArea()
      .rotate([154, 0])
      .center([-2, 58.5])
      .parallels([55, 65])
      .scale(k * 0.35)
      .translate([x - 0.307 * k, y + 0.201 * k]),
    HI: geoConicEqualArea()
      .rotate([157, 0])
      .center([-3, 19.9])
      .parallels([8, 18])
      .scale(k)
      .translate([x - 0.205 * k, y + 0.212 * k]),
    // Puerto Rico and the U.S. Virgin Islands, enlarged 1.5×, off the Florida Keys to the east.
    PR: geoConicEqualArea()
      .rotate([66, 0])
      .center([-0.4, 18.2])
      .parallels([8, 18])
      .scale(k * 1.5)
      .translate([x + 0.31 * k + 30, y + 0.215 * k - 2]),
    // Guam and the Northern Mariana Islands (a 750 km chain), shrunk to half, in the Atlantic off the Carolinas.
    PAC: geoConicEqualArea()
      .rotate([-145.5, 0])
      .center([0, 16.8])
      .parallels([8, 18])
      .scale(k * 0.45)
      .translate([x + 0.42 * k - 75, y + 0.09 * k - 10]),
    AS: geoConicEqualArea()
      .rotate([170, 0])
      .center([0, -14.3])
      .parallels([-8, -18])
      .scale(k * 1.5)
      .translate([x + 0.4 * k - 70, y + 0.16 * k]),
  };
}

let cached: Record<Region, GeoProjection> | null = null;

/** A longitude/latitude in a state (2-digit FIPS) as map units (SCALE per pixel), or null outside the projection. */
export function projectPoint(stateFips: string, lon: number, lat: number): [number, number] | null {
  cached ??= projections();
  const xy = cached[regionOf(stateFips)]([lon, lat]);
  return xy ? [xy[0] * SCALE, xy[1] * SCALE] : null;
}
