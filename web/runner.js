// The page's side of running code: one worker (worker.js) at a time, started
// ahead so a run begins at once. Each run gets a fresh worker, so nothing one
// run defines leaks into the next; stop() terminates the worker mid-run,
// which ends even a loop that never yields, and starts a fresh one.

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class Runner {
  #worker = null;
  #ready = null;
  #current = null;   // { onEvent, resolve } of the run in progress
  #onStatus;

  /** onStatus('ready', exportNames) when a worker is ready; onStatus(message) when one can't start. */
  constructor(onStatus = () => {}) {
    this.#onStatus = onStatus;
    this.#spawn();
  }

  get running() { return this.#current !== null; }

  /**
   * Runs `code` in the worker; onEvent gets each message of the run (value,
   * log, explain, progress, result, done, error). Resolves with the last one
   * ('done', 'error' or 'stopped').
   */
  async run(code, { show = 100, maxLog = 500, onEvent = () => {} } = {}) {
    if (this.#current) throw new Error('a run is in progress');
    let current;
    const finished = new Promise((resolve) => { current = { onEvent, resolve }; });
    this.#current = current;
    await Promise.race([this.#ready, finished]);
    // Unless it was stopped (or its worker failed) while the worker was loading.
    if (this.#current === current) this.#worker.postMessage({ type: 'run', code, show, maxLog });
    return finished;
  }

  /** Ends the run at once: the worker is terminated and a fresh one started. */
  stop() {
    const current = this.#current;
    this.#worker.terminate();
    this.#spawn();
    if (current) this.#end({ type: 'stopped' }, current);
  }

  #spawn() {
    const worker = new Worker(WORKER_URL, { type: 'module' });
    this.#worker = worker;
    this.#ready = new Promise((resolve) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'ready') {
          this.#onStatus('ready', data.exports);
          resolve();
        } else {
          this.#message(worker, data);
        }
      };
    });
    // A worker that fails to load (no module workers, the library missing) reports here.
    worker.onerror = (event) => {
      event.preventDefault();
      const message = `the worker could not start: ${event.message || 'see the browser console'}`;
      this.#onStatus(message);
      if (worker === this.#worker && this.#current) this.#end({ type: 'error', name: 'Error', message }, this.#current);
    };
  }

  async #message(worker, data) {
    const current = this.#current;
    if (worker !== this.#worker || !current) return;   // a message from a retired worker
    if (data.type === 'error' && data.syntax) {
      const where = await locateSyntaxError(data.source);
      if (current !== this.#current) return;
      Object.assign(data, where);
    }
    if (data.type === 'done' || data.type === 'error') {
      // The next run starts in a clean worker.
      this.#worker.terminate();
      this.#spawn();
      this.#end(data, current);
    } else {
      current.onEvent(data);
    }
  }

  #end(data, current) {
    this.#current = null;
    current.onEvent(data);
    current.resolve(data);
  }
}

/*
 * Where a SyntaxError is, as { line, column }, or {} when that can't be told.
 * An eval'd script's SyntaxError carries no position, but a classic worker
 * that fails to parse its script reports one; `throw 0;` in front (on the
 * first line, so no line moves) stops the script at once if it does parse.
 */
export function locateSyntaxError(source) {
  const PREFIX = 'throw 0;';
  return new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([PREFIX + source], { type: 'text/javascript' }));
    const probe = new Worker(url);
    const finish = (where) => {
      clearTimeout(timer);
      probe.terminate();
      URL.revokeObjectURL(url);
      resolve(where);
    };
    const timer = setTimeout(() => finish({}), 3000);
    probe.onerror = (event) => {
      event.preventDefault();
      if (!/SyntaxError/.test(event.message) || !event.lineno) return finish({});
      finish({ line: event.lineno, column: event.lineno === 1 ? event.colno - PREFIX.length : event.colno });
    };
  });
}
