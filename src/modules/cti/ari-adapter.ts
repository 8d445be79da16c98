import WebSocket from 'ws';
import type { BackgroundLog } from '../../platform/background.js';
import type { CallEventSink } from './call-events.js';
import { ariEventsUrl, type CtiSettings } from './call-rules.js';
import { AriTranslator } from './ari-events.js';
import { ReconnectingAdapter, type SessionEnd } from './reconnecting.js';

/** A switch that does not answer the WebSocket upgrade in this time is tried again later. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** A ping every 30 s finds a connection that died without closing (a NAT that forgot it). */
const PING_MS = 30_000;

/**
 * Asterisk: the ARI event WebSocket ({base}/ari/events?app=…&api_key=user:pass&subscribeAll=true),
 * kept open with reconnection; see ari-events.ts for what each event means. Asterisk lets one
 * WebSocket hold an app name: when another app instance connects with the same name, this one
 * receives ApplicationReplaced and waits 30 s before taking it back — either records every call
 * into the shared database, and the screen pops go through the database to every instance.
 */
export class AriAdapter extends ReconnectingAdapter {
  protected readonly switchKind = 'asterisk' as const;
  private socket: WebSocket | null = null;

  constructor(
    private readonly settings: NonNullable<CtiSettings['ari']>,
    sink: CallEventSink,
    log: BackgroundLog,
  ) {
    super(sink, log, [settings.password, `${settings.user}:${settings.password}`]);
  }

  protected session(): Promise<SessionEnd> {
    return new Promise<SessionEnd>((resolve, reject) => {
      const translator = new AriTranslator();
      const socket = new WebSocket(ariEventsUrl(this.settings), {
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      });
      this.socket = socket;
      let opened = false;
      let ending: SessionEnd = { kind: 'closed' };
      let alive = true;
      let ping: NodeJS.Timeout | undefined;
      socket.on('unexpected-response', (_request, response) => {
        // 401: wrong user or password; anything else: not an ARI endpoint.
        ending = response.statusCode === 401 ? { kind: 'refused' } : { kind: 'closed' };
        if (ending.kind === 'refused') resolve(ending);
        else reject(new Error(`the switch answered the upgrade with HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.on('open', () => {
        opened = true;
        this.connected();
        ping = setInterval(() => {
          if (!alive) {
            socket.terminate();
            return;
          }
          alive = false;
          socket.ping();
        }, PING_MS);
        ping.unref();
      });
      socket.on('pong', () => (alive = true));
      socket.on('message', (data, isBinary) => {
        alive = true;
        if (isBinary) return;
        let message: unknown;
        try {
          const bytes = Array.isArray(data)
            ? Buffer.concat(data)
            : data instanceof ArrayBuffer
              ? Buffer.from(data)
              : data;
          const text = bytes.toString('utf8');
          message = JSON.parse(text);
        } catch {
          return;
        }
        if ((message as { type?: string }).type === 'ApplicationReplaced') {
          ending = { kind: 'replaced' };
          socket.close();
          return;
        }
        this.deliver(translator.translate(message));
      });
      socket.on('error', (error) => {
        if (!opened) reject(error);
      });
      socket.on('close', () => {
        clearInterval(ping);
        if (this.socket === socket) this.socket = null;
        resolve(ending);
      });
    });
  }

  protected disconnect(): void {
    this.socket?.terminate();
  }
}
