/**
 * A seeded pseudo-random generator (xoshiro128**, 53-bit doubles from two draws) and standard normal draws
 * (Box–Muller), so every sampler run is reproducible from its seed. Not for cryptography.
 */

export interface Rng {
  uniform(): number;
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  const s = [init(), init(), init(), init()];
  const next = (): number => {
    const s1 = s[1] as number;
    const result = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s[2] = ((s[2] as number) ^ (s[0] as number)) >>> 0;
    s[3] = ((s[3] as number) ^ s1) >>> 0;
    s[1] = (s1 ^ (s[2] as number)) >>> 0;
    s[0] = ((s[0] as number) ^ (s[3] as number)) >>> 0;
    s[2] = ((s[2] as number) ^ t) >>> 0;
    s[3] = (((s[3] as number) << 11) | ((s[3] as number) >>> 21)) >>> 0;
    return result;
  };
  let spare: number | null = null;
  const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return {
    uniform,
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      const a = 2 * Math.PI * uniform();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    },
  };
}
