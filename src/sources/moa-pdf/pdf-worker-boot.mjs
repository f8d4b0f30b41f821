// Worker entry of the PDF sandbox. From the compiled build the worker body is plain JavaScript beside this file;
// from src/, Node 20 cannot run TypeScript itself, so tsx's loader is registered first.
import { existsSync } from 'node:fs';

const compiled = new URL('./pdf-worker.js', import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./pdf-worker.ts');
}
