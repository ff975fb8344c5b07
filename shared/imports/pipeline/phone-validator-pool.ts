import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Phone validation (libphonenumber, a third of the pipeline's CPU) on worker threads, a batch at a time, so
 * that it runs beside parsing on another core. Results come back in the order batches were sent.
 */
export class PhoneValidatorPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (results: (string | null)[]) => void; reject: (error: Error) => void }
  >();
  private next = 0;

  constructor(size: number) {
    const fromSource = import.meta.url.endsWith('.ts');
    const script = new URL(`./phone-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);
    // Run from TypeScript sources (tests, benchmarks), the worker first registers the same loader as this thread.
    const entry = fromSource
      ? new URL(
          `data:text/javascript,${encodeURIComponent(
            `const { register } = await import(${JSON.stringify(tsxApi())}); register(); await import(${JSON.stringify(script.href)});`,
          )}`,
        )
      : script;
    this.workers = Array.from({ length: size }, () => {
      // Its heap holds the phone metadata and a batch or two; a small budget keeps the process's memory down.
      const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
      worker.on('message', ({ id, results }: { id: number; results: (string | null)[] }) => {
        this.waiting.get(id)?.resolve(results);
        this.waiting.delete(id);
      });
      worker.on('error', (error) => {
        for (const pending of this.waiting.values()) pending.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  /** The E.164 form of each phone, or null where it is invalid (or blank). */
  validate(phones: string[], country: string): Promise<(string | null)[]> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, phones, country });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Where tsx's loader API is, as a URL a data: module can import (it cannot resolve package names). */
const tsxApi = () =>
  pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
