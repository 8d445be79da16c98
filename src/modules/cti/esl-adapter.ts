import net from 'node:net';
import type { BackgroundLog } from '../../platform/background.js';
import type { CallEventSink } from './call-events.js';
import type { CtiSettings } from './call-rules.js';
import {
  ESL_EVENTS,
  EslFramer,
  EslTranslator,
  parsePlainEvent,
  type EslMessage,
} from './esl-protocol.js';
import { ReconnectingAdapter, type SessionEnd } from './reconnecting.js';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * FreeSWITCH: a TCP connection to the event socket (host:port), "auth <password>", then
 * "event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CHANNEL_BRIDGE", kept open
 * with reconnection; see esl-protocol.ts for the framing and what each event means. Every app
 * instance may hold its own connection: the call service records each event once.
 */
export class EslAdapter extends ReconnectingAdapter {
  protected readonly switchKind = 'freeswitch' as const;
  private socket: net.Socket | null = null;

  constructor(
    private readonly settings: NonNullable<CtiSettings['esl']>,
    sink: CallEventSink,
    log: BackgroundLog,
  ) {
    super(sink, log, [settings.password]);
  }

  protected session(): Promise<SessionEnd> {
    return new Promise<SessionEnd>((resolve, reject) => {
      const framer = new EslFramer();
      const translator = new EslTranslator();
      const socket = net.connect({ host: this.settings.host, port: this.settings.port });
      this.socket = socket;
      socket.setKeepAlive(true, 30_000);
      socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
        socket.destroy(new Error('connection timed out')),
      );
      let state: 'auth' | 'subscribe' | 'events' = 'auth';
      let ending: SessionEnd = { kind: 'closed' };
      let failure: Error | null = null;
      const send = (command: string) => socket.write(`${command}\n\n`);
      const handle = (message: EslMessage) => {
        const type = message.headers['Content-Type'];
        if (type === 'auth/request') {
          send(`auth ${this.settings.password}`);
          return;
        }
        if (type === 'command/reply') {
          const reply = message.headers['Reply-Text'] ?? '';
          if (state === 'auth') {
            if (!reply.startsWith('+OK')) {
              ending = { kind: 'refused' };
              socket.end();
              return;
            }
            state = 'subscribe';
            send(`event plain ${ESL_EVENTS.join(' ')}`);
          } else if (state === 'subscribe') {
            if (!reply.startsWith('+OK')) {
              failure = new Error(`the switch refused the event subscription: ${reply}`);
              socket.end();
              return;
            }
            state = 'events';
            // Connected: no idle timeout from now on (calls may be rare at night).
            socket.setTimeout(0);
            this.connected();
          }
          return;
        }
        if (type === 'text/event-plain') {
          this.deliver(translator.translate(parsePlainEvent(message.body).headers));
          return;
        }
        if (type === 'text/disconnect-notice') socket.end();
      };
      socket.on('data', (chunk: Buffer) => {
        for (const message of framer.push(chunk)) handle(message);
      });
      socket.on('error', (error) => (failure = error));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        if (failure && state !== 'events') reject(failure);
        else resolve(ending);
      });
    });
  }

  protected disconnect(): void {
    this.socket?.destroy();
  }
}
