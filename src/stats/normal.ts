/**
 * The standard normal distribution: density, CDF (through W. J. Cody's rational Chebyshev approximation of erfc,
 * Math. Comp. 23, 1969, the algorithm behind R's pnorm; accurate to about 1e-16 relative) and quantile (Wichura's
 * AS 241, as R's qnorm). Pure numbers in, numbers out.
 */

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];
const INV_SQRT_PI = 0.5641895835477563;
const at = (a: number[], i: number) => a[i] as number;

/** exp(-y²) computed in two parts so the large-y tail keeps its relative accuracy. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** erfc(y) for y ≥ 0.46875 (Cody's second and third ranges). */
function erfcTail(y: number): number {
  if (y <= 4) {
    let num = at(C, 8) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + at(C, i)) * y;
      den = (den + at(D, i)) * y;
    }
    return expMinusSquare(y) * ((num + at(C, 7)) / (den + at(D, 7)));
  }
  if (y >= 26.55) return 0;
  const ysq = 1 / (y * y);
  let num = at(P, 5) * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + at(P, i)) * ysq;
    den = (den + at(Q, i)) * ysq;
  }
  const r = (ysq * (num + at(P, 4))) / (den + at(Q, 4));
  return (expMinusSquare(y) * (INV_SQRT_PI - r)) / y;
}

/** The complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = at(A, 4) * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + at(A, i)) * ysq;
      den = (den + at(B, i)) * ysq;
    }
    return 1 - (x * (num + at(A, 3))) / (den + at(B, 3));
  }
  const r = erfcTail(y);
  return x < 0 ? 2 - r : r;
}

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** ϕ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Two-sided p-value of a z statistic: 2Φ(−|z|). */
export function twoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

const poly = (c: number[], x: number) => c.reduceRight((acc, k) => acc * x + k, 0);

/** Φ⁻¹(p) by Wichura's AS 241 (PPND16), about 1e-16 relative accuracy. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS_A, r)) / poly(AS_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = poly(AS_C, r) / poly(AS_D, r);
  } else {
    r -= 5;
    v = poly(AS_E, r) / poly(AS_F, r);
  }
  return q < 0 ? -v : v;
}

const AS_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const AS_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852546,
];
const AS_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const AS_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const AS_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const AS_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];
