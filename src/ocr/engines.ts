/**
 * The OCR engines, behind one interface: Debian's `tesseract` program (a child process per page, one thread,
 * at low priority) and tesseract.js (WebAssembly in a worker thread, its core and English data read from
 * node_modules: no network, ever). Each gives Tesseract's TSV for a PNG page and names its version, which keys the
 * OCR cache. Which engine the product uses was chosen by measurement (bench/documents.ts; NOTES.md of moa-pdf).
 */
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OcrEngine {
  /** `tesseract` or `tesseract.js`. */
  name: string;
  /** The engine and its model, e.g. `tesseract 5.3.0 eng`: the OCR cache's key. */
  version: string;
  /** Tesseract TSV of one page image (PNG bytes). */
  recognize(png: Buffer): Promise<string>;
  close(): Promise<void>;
}

export class EngineMissingError extends Error {}

/** The `tesseract` program's version line, or null when it is not installed. */
export function tesseractVersion(bin = 'tesseract'): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) return resolve(null);
      const m = /tesseract\s+v?([\d.]+)/i.exec(`${stdout}\n${stderr}`);
      resolve(m ? (m[1] as string) : null);
    });
  });
}

/** Debian's tesseract: `tesseract stdin stdout -l eng --psm 3 tsv`, one thread, niced; `timeoutMs` per page. */
export async function debianTesseract(
  o: { bin?: string; timeoutMs?: number; nice?: boolean } = {},
): Promise<OcrEngine> {
  const bin = o.bin ?? 'tesseract';
  const version = await tesseractVersion(bin);
  if (!version)
    throw new EngineMissingError(
      `the OCR program "${bin}" is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)`,
    );
  const timeoutMs = o.timeoutMs ?? 120_000;
  return {
    name: 'tesseract',
    version: `tesseract ${version} eng`,
    recognize: (png) =>
      new Promise((resolve, reject) => {
        const args = ['stdin', 'stdout', '-l', 'eng', '--psm', '3', 'tsv'];
        const child =
          o.nice === false
            ? spawn(bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' } })
            : spawn('nice', ['-n', '10', bin, ...args], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
          else
            reject(
              new Error(
                signal === 'SIGKILL'
                  ? `tesseract did not finish a page within ${timeoutMs} ms`
                  : `tesseract failed (${code}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`,
              ),
            );
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(png);
      }),
    close: async () => undefined,
  };
}

/** tesseract.js with the English LSTM model from @tesseract.js-data/eng, its core from tesseract.js-core. */
export async function tesseractJs(o: { model?: '4.0.0_best_int' | '4.0.0' } = {}): Promise<OcrEngine> {
  const require = createRequire(import.meta.url);
  let mod: typeof import('tesseract.js');
  let engDir: string;
  let coreDir: string;
  try {
    mod = await import('tesseract.js');
    engDir = dirname(require.resolve('@tesseract.js-data/eng/package.json'));
    coreDir = dirname(require.resolve('tesseract.js-core/package.json'));
  } catch {
    throw new EngineMissingError(
      'tesseract.js, tesseract.js-core and @tesseract.js-data/eng are not installed (npm packages)',
    );
  }
  const model = o.model ?? '4.0.0_best_int';
  const worker = await mod.createWorker('eng', mod.OEM.LSTM_ONLY, {
    // Local paths only: a path that is not a URL is read from disk, never fetched; nothing is cached on disk.
    langPath: join(engDir, model),
    corePath: coreDir,
    cacheMethod: 'none',
    gzip: true,
  });
  const version = (require('tesseract.js/package.json') as { version: string }).version;
  return {
    name: 'tesseract.js',
    version: `tesseract.js ${version} eng ${model}`,
    recognize: async (png) => {
      const r = await worker.recognize(png, {}, { tsv: true, text: false });
      return r.data.tsv ?? '';
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
