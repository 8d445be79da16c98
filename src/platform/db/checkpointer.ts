import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread with its own connection: PASSIVE checkpoints copy the WAL into the
// database file (and fsync it) without ever blocking the writer or the readers.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * better-sqlite3 is synchronous, so an automatic checkpoint inside a COMMIT stalls every request
 * while pages are copied and fsynced. The writer turns automatic checkpoints off and this
 * background thread checkpoints instead; the WAL stays small without stalls on the event loop.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;

  constructor(file: string, onError: (message: string) => void, intervalMs = 250) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, intervalMs },
    });
    this.worker.on('message', (message: string) => onError(message));
    this.worker.on('error', (error) => onError(String(error)));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // While it finishes, the thread keeps the process alive: a script whose last step is
    // closing the database must not exit half-way through closing it.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
