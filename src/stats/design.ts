/**
 * A dense design matrix (rows × columns, row-major Float64Array) with column names, and the helpers that build
 * one: an intercept, numeric columns, treatment-coded factors (first level is the reference, as R's
 * model.matrix), and column blocks such as a spline basis.
 */

export interface Design {
  rows: number;
  cols: number;
  names: string[];
  data: Float64Array;
}

/** A block of columns: its names and a function filling row i's values into out[0..names.length). */
export interface ColumnBlock {
  names: string[];
  fill(i: number, out: Float64Array, offset: number): void;
}

export function intercept(): ColumnBlock {
  return {
    names: ['(Intercept)'],
    fill: (_i, out, o) => {
      out[o] = 1;
    },
  };
}

export function numeric(name: string, values: ArrayLike<number>): ColumnBlock {
  return {
    names: [name],
    fill: (i, out, o) => {
      out[o] = values[i] as number;
    },
  };
}

/**
 * Treatment coding of a factor: one column per level after the first (`name` + level), 1 where the row has that
 * level. `levels` fixes the order (default: sorted distinct values), so the reference level is explicit.
 */
export function factor(name: string, values: ArrayLike<string>, levels?: string[]): ColumnBlock {
  const order = levels ?? [...new Set(Array.from(values))].sort();
  const index = new Map(order.map((l, k) => [l, k]));
  const names = order.slice(1).map((l) => `${name}${l}`);
  return {
    names,
    fill(i, out, o) {
      for (let k = 0; k < names.length; k++) out[o + k] = 0;
      const k = index.get(values[i] as string);
      if (k === undefined) throw new Error(`factor ${name}: value "${values[i]}" is not among its levels`);
      if (k > 0) out[o + k - 1] = 1;
    },
  };
}

/** Builds the design matrix of n rows from blocks, left to right. */
export function buildDesign(rows: number, blocks: ColumnBlock[]): Design {
  const names = blocks.flatMap((b) => b.names);
  const cols = names.length;
  const data = new Float64Array(rows * cols);
  const row = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    let o = 0;
    for (const b of blocks) {
      b.fill(i, row, o);
      o += b.names.length;
    }
    data.set(row, i * cols);
  }
  return { rows, cols, names, data };
}

/** The column of a design by name (a copy). */
export function column(d: Design, name: string): Float64Array {
  const j = d.names.indexOf(name);
  if (j < 0) throw new Error(`design has no column "${name}"`);
  const out = new Float64Array(d.rows);
  for (let i = 0; i < d.rows; i++) out[i] = d.data[i * d.cols + j] as number;
  return out;
}
