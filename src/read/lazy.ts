/** A part built on first use and kept (a failure is forgotten, so the next use tries again). */
export function lazy<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= fn().catch((e: unknown) => {
      p = null;
      throw e;
    });
    return p;
  };
}
