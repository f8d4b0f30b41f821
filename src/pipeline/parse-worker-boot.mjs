// Worker entry: Node 20 cannot run TypeScript itself, so register tsx's loader, then load the worker body.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
