import type { BackgroundLog } from '../../platform/background.js';
import type { CallEvent, CallEventSink, SwitchKind } from './call-events.js';

/** How a session with the switch ended, and how long to wait before the next one. */
export type SessionEnd =
  | { kind: 'closed' }
  /** Credentials refused: retrying at once would only be refused again. */
  | { kind: 'refused' }
  /** Another connection took over (ARI allows one per app name): it records the calls now. */
  | { kind: 'replaced' };

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A session that lasted this long was a working connection: the next failure retries quickly. */
const STABLE_MS = 10_000;

/** Removes secrets from a message before it is logged (a URL with api_key, a password). */
export function scrub(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  let clean = text.replace(/api_key=[^&\s]*/g, 'api_key=***');
  for (const secret of secrets) if (secret) clean = clean.replaceAll(secret, '***');
  return clean;
}

/**
 * A connection to the phone switch that is kept up: `session` connects and resolves when the
 * connection ends; then it reconnects after a delay that doubles up to 30 s. Events are handed
 * to the sink one at a time, in the switch's order, across reconnections.
 */
export abstract class ReconnectingAdapter {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Whether the last attempt failed: a run of failures is logged once. */
  private failing = false;
  private isConnected = false;
  protected abstract readonly switchKind: SwitchKind;

  constructor(
    private readonly sink: CallEventSink,
    protected readonly log: BackgroundLog,
    private readonly secrets: ReadonlyArray<string | null | undefined>,
  ) {}

  /** One connection: resolves when it ends (rejects when it could not be made). */
  protected abstract session(): Promise<SessionEnd>;

  /** Closes the current connection, if any (the session then resolves). */
  protected abstract disconnect(): void;

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.disconnect();
    this.wake?.();
    await this.loop;
    await this.chain;
  }

  /** Queues translated events for the sink; a failure is logged and the next event goes on. */
  protected deliver(events: CallEvent[]): void {
    for (const event of events) {
      this.chain = this.chain
        .then(() => this.sink(event))
        .catch((error: unknown) =>
          this.log.error(
            { err: this.clean(error) },
            `phone switch event ${event.kind} not recorded`,
          ),
        );
    }
  }

  protected clean(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(scrub(message, this.secrets));
  }

  private async run(): Promise<void> {
    let delay = FIRST_DELAY_MS;
    while (!this.stopped) {
      const started = Date.now();
      let end: SessionEnd;
      try {
        end = await this.session();
      } catch (error) {
        if (!this.failing)
          this.log.error({ err: this.clean(error) }, 'phone switch connection failed');
        this.failing = true;
        end = { kind: 'closed' };
      }
      if (this.stopped) break;
      if (this.isConnected && end.kind === 'closed')
        this.log.info({ switch: this.switchKind }, 'phone switch connection closed: reconnecting');
      this.isConnected = false;
      if (Date.now() - started >= STABLE_MS) delay = FIRST_DELAY_MS;
      const wait = end.kind === 'closed' ? delay : MAX_DELAY_MS;
      if (end.kind === 'refused') {
        if (!this.failing)
          this.log.error(
            { err: new Error('credentials refused') },
            'phone switch refused the login',
          );
        this.failing = true;
      } else if (end.kind === 'replaced')
        this.log.info({ switch: this.switchKind }, 'another connection took over the ARI app');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref();
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  /** For subclasses: the session is connected (and subscribed). */
  protected connected(): void {
    this.failing = false;
    this.isConnected = true;
    this.log.info({ switch: this.switchKind }, 'phone switch connected');
  }
}
