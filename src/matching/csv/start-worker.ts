import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` of this folder with `workerData`. Built, it is a .js file beside this one.
 * Run from TypeScript source (tsx, vitest), the worker must load TypeScript as well, so it registers tsx's
 * loader before importing its module; without tsx there is no worker (undefined), and callers do the work on
 * their own thread.
 */
export function startWorker(name: string, workerData: unknown): Worker | undefined {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), { workerData });
  let loader: string;
  try {
    loader = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  const entry = new URL(`./${name}.ts`, here).href;
  const bootstrap = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
