// Local stand-ins for phone switches, speaking their real wire formats: an Asterisk ARI event
// WebSocket (JSON events as in Asterisk's rest-api/api-docs/events.json) and a FreeSWITCH event
// socket (auth/request, command/reply, text/event-plain with Content-Length framing and
// URL-encoded headers). Tests and browser journeys drive calls through them.
import http from 'node:http';
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ----- Asterisk ARI -----

export interface AriChannelInput {
  id: string;
  name: string;
  state: string;
  callerNumber?: string;
  exten?: string;
  creationtime: string;
}

/** An ARI Channel object, with every field Asterisk sends. */
export function ariChannel(input: AriChannelInput): Record<string, unknown> {
  return {
    id: input.id,
    name: input.name,
    state: input.state,
    caller: { name: '', number: input.callerNumber ?? '' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: {
      context: 'hotline',
      exten: input.exten ?? 's',
      priority: 1,
      app_name: '',
      app_data: '',
    },
    creationtime: input.creationtime,
    language: 'zh',
  };
}

/** Asterisk's own time format: '2026-03-02T09:00:00.000+0800'. */
export function ariTimestamp(iso: string, offsetHours = 8): string {
  const local = new Date(Date.parse(iso) + offsetHours * 3_600_000).toISOString().slice(0, 23);
  const sign = offsetHours >= 0 ? '+' : '-';
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}00`;
}

export interface AriCallScript {
  callId: string;
  callerNumber: string;
  dialled?: string;
  /** When the call came in (ISO). */
  offeredAt: string;
  /** The agent's phone it rings, and when; omitted: it never rings anyone. */
  ring?: { legId: string; extension: string; at: string; answeredAt?: string };
  /** When it ends, and whether the caller hung up (else the switch ended it). */
  endedAt: string;
  callerHungUp?: boolean;
  app?: string;
}

/**
 * The ARI events of one call through a queue, as an app subscribed with subscribeAll sees them:
 * the caller's channel created ringing, the queue dialling the agent's phone, the agent channel
 * ringing and going Up if answered, the hangup request and the channels destroyed.
 */
export function ariCallEvents(script: AriCallScript): Array<Record<string, unknown>> {
  const app = script.app ?? 'openhotline';
  const base = (at: string) => ({
    application: app,
    asterisk_id: '00:11:22:33:44:55',
    timestamp: ariTimestamp(at),
  });
  const caller = (state: string) =>
    ariChannel({
      id: script.callId,
      name: `PJSIP/trunk-${script.callId.slice(-8)}`,
      state,
      callerNumber: script.callerNumber,
      exten: script.dialled ?? '12345',
      creationtime: ariTimestamp(script.offeredAt),
    });
  const events: Array<Record<string, unknown>> = [
    { type: 'ChannelCreated', ...base(script.offeredAt), channel: caller('Ring') },
    {
      type: 'ChannelDialplan',
      ...base(script.offeredAt),
      channel: caller('Ring'),
      dialplan_app: 'Queue',
      dialplan_app_data: 'hotline,t',
    },
  ];
  const ring = script.ring;
  if (ring) {
    const peer = (state: string) =>
      ariChannel({
        id: ring.legId,
        name: `PJSIP/${ring.extension}-${ring.legId.slice(-8)}`,
        state,
        callerNumber: script.callerNumber,
        exten: ring.extension,
        creationtime: ariTimestamp(ring.at),
      });
    events.push(
      { type: 'ChannelCreated', ...base(ring.at), channel: peer('Down') },
      {
        type: 'Dial',
        ...base(ring.at),
        caller: caller('Ring'),
        peer: peer('Down'),
        dialstring: `PJSIP/${ring.extension}`,
        dialstatus: '',
      },
      { type: 'ChannelStateChange', ...base(ring.at), channel: peer('Ringing') },
      {
        type: 'Dial',
        ...base(ring.at),
        caller: caller('Ring'),
        peer: peer('Ringing'),
        dialstatus: 'RINGING',
      },
    );
    if (ring.answeredAt) {
      events.push(
        { type: 'ChannelStateChange', ...base(ring.answeredAt), channel: peer('Up') },
        {
          type: 'Dial',
          ...base(ring.answeredAt),
          caller: caller('Up'),
          peer: peer('Up'),
          dialstatus: 'ANSWER',
        },
      );
    } else {
      events.push({
        type: 'Dial',
        ...base(script.endedAt),
        caller: caller('Ring'),
        peer: peer('Ringing'),
        dialstatus: 'CANCEL',
      });
    }
    events.push({
      type: 'ChannelDestroyed',
      ...base(script.endedAt),
      cause: 16,
      cause_txt: 'Normal Clearing',
      channel: peer(ring.answeredAt ? 'Up' : 'Ringing'),
    });
  }
  const state = ring?.answeredAt ? 'Up' : 'Ring';
  if (script.callerHungUp !== false)
    events.push({
      type: 'ChannelHangupRequest',
      ...base(script.endedAt),
      cause: 16,
      channel: caller(state),
    });
  events.push({
    type: 'ChannelDestroyed',
    ...base(script.endedAt),
    cause: 16,
    cause_txt: 'Normal Clearing',
    channel: caller(state),
  });
  return events;
}

/** An ARI event WebSocket at {url}/ari/events, checking app and api_key as Asterisk does. */
export class FakeAriServer {
  private readonly clients = new Set<WebSocket>();
  /** The query strings clients connected with. */
  readonly connections: URLSearchParams[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(options: {
    user: string;
    password: string;
    app: string;
  }): Promise<FakeAriServer> {
    const server = http.createServer((_request, response) => {
      response.writeHead(404).end();
    });
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const fake = new FakeAriServer(server, wss, `http://127.0.0.1:${port}`);
    server.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const authorised = url.searchParams.get('api_key') === `${options.user}:${options.password}`;
      if (url.pathname !== '/ari/events' || !authorised) {
        socket.end(`HTTP/1.1 ${authorised ? '404 Not Found' : '401 Unauthorized'}\r\n\r\n`);
        return;
      }
      if (url.searchParams.get('app') !== options.app) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (client) => {
        fake.connections.push(url.searchParams);
        fake.clients.add(client);
        client.on('close', () => fake.clients.delete(client));
      });
    });
    return fake;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async waitForClients(count = 1): Promise<void> {
    await waitFor(() => this.clients.size >= count, `${count} ARI client(s)`);
  }

  /** Sends events to every connected client, in order. */
  send(...events: Array<Record<string, unknown>>): void {
    for (const client of this.clients)
      for (const event of events) client.send(JSON.stringify(event));
  }

  /** Drops every client, as a restarting Asterisk would. */
  dropClients(): void {
    for (const client of this.clients) client.terminate();
    this.clients.clear();
  }

  async close(): Promise<void> {
    this.dropClients();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ----- FreeSWITCH event socket -----

/** A text/event-plain message as FreeSWITCH frames it: URL-encoded headers, byte length. */
export function eslEventFrame(headers: Record<string, string>): Buffer {
  const body = Buffer.from(
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${encodeURIComponent(value)}`)
      .join('\n') + '\n\n',
  );
  return Buffer.concat([
    Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`),
    body,
  ]);
}

/** FreeSWITCH's Event-Date-Timestamp: microseconds since the epoch. */
export const eslTimestamp = (iso: string): string => `${Date.parse(iso) * 1000}`;

export interface EslCallScript {
  callId: string;
  callerNumber: string;
  dialled?: string;
  offeredAt: string;
  ring?: { legId: string; extension: string; at: string; answeredAt?: string };
  endedAt: string;
  /** recv_bye/recv_cancel (the caller hung up) or send_bye (the switch). */
  disposition?: string;
}

/** The events of one call as mod_event_socket sends them (the headers that matter, and some that do not). */
export function eslCallEvents(script: EslCallScript): Array<Record<string, string>> {
  const common = (name: string, at: string, id: string) => ({
    'Event-Name': name,
    'Core-UUID': '6d2375b0-5183-11e1-b24c-f527b57af3d9',
    'FreeSWITCH-Hostname': 'pbx.example',
    'Event-Date-Local': at.replace('T', ' ').slice(0, 19),
    'Event-Date-Timestamp': eslTimestamp(at),
    'Unique-ID': id,
  });
  const caller = {
    'Call-Direction': 'inbound',
    'Caller-Caller-ID-Number': script.callerNumber,
    'Caller-Caller-ID-Name': '张三 𠮷',
    'Caller-Destination-Number': script.dialled ?? '12345',
    'Caller-Context': 'public',
  };
  const events: Array<Record<string, string>> = [
    { ...common('CHANNEL_CREATE', script.offeredAt, script.callId), ...caller },
    // The IVR answers the caller: not an operator answering.
    { ...common('CHANNEL_ANSWER', script.offeredAt, script.callId), ...caller },
  ];
  const ring = script.ring;
  if (ring) {
    const agent = {
      'Call-Direction': 'outbound',
      'Caller-Caller-ID-Number': script.callerNumber,
      'Caller-Destination-Number': ring.extension,
      'Other-Leg-Unique-ID': script.callId,
      variable_dialed_user: ring.extension,
    };
    events.push({ ...common('CHANNEL_CREATE', ring.at, ring.legId), ...agent });
    if (ring.answeredAt) {
      events.push(
        { ...common('CHANNEL_ANSWER', ring.answeredAt, ring.legId), ...agent },
        {
          ...common('CHANNEL_BRIDGE', ring.answeredAt, script.callId),
          ...caller,
          'Bridge-A-Unique-ID': script.callId,
          'Bridge-B-Unique-ID': ring.legId,
          'Other-Leg-Destination-Number': ring.extension,
        },
      );
    }
    events.push({
      ...common('CHANNEL_HANGUP_COMPLETE', script.endedAt, ring.legId),
      ...agent,
      'Hangup-Cause': ring.answeredAt ? 'NORMAL_CLEARING' : 'ORIGINATOR_CANCEL',
    });
  }
  events.push({
    ...common('CHANNEL_HANGUP_COMPLETE', script.endedAt, script.callId),
    ...caller,
    'Hangup-Cause': 'NORMAL_CLEARING',
    variable_sip_hangup_disposition: script.disposition ?? 'recv_bye',
  });
  return events;
}

/** A FreeSWITCH event socket on a local port: auth, event subscription, events. */
export class FakeEslServer {
  private readonly clients = new Set<net.Socket>();
  /** What clients subscribed to ("event plain …"). */
  readonly subscriptions: string[] = [];
  private readonly subscribed = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(password: string): Promise<FakeEslServer> {
    let fake: FakeEslServer | null = null;
    const server = net.createServer((socket) => {
      fake!.clients.add(socket);
      socket.on('close', () => {
        fake!.clients.delete(socket);
        fake!.subscribed.delete(socket);
      });
      socket.on('error', () => undefined);
      let buffered = '';
      const reply = (text: string) =>
        socket.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const command = buffered.slice(0, end).trim();
          buffered = buffered.slice(end + 2);
          if (command.startsWith('auth ')) {
            if (command.slice(5) === password) reply('+OK accepted');
            else {
              reply('-ERR invalid');
              socket.end('Content-Type: text/disconnect-notice\nContent-Length: 0\n\n');
            }
          } else if (command.startsWith('event plain ')) {
            fake!.subscriptions.push(command.slice('event plain '.length));
            fake!.subscribed.add(socket);
            reply('+OK event listener enabled plain');
          } else {
            reply('-ERR command not found');
          }
        }
      });
      socket.write('Content-Type: auth/request\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeEslServer(server, (server.address() as net.AddressInfo).port);
    return fake;
  }

  async waitForSubscribers(count = 1): Promise<void> {
    await waitFor(() => this.subscribed.size >= count, `${count} ESL subscriber(s)`);
  }

  /**
   * Sends events to every subscribed client; `chunkSize` cuts the byte stream into small TCP
   * writes (even through a multi-byte character), as a network may deliver it.
   */
  async send(events: Array<Record<string, string>>, chunkSize?: number): Promise<void> {
    const bytes = Buffer.concat(events.map(eslEventFrame));
    for (const socket of this.subscribed) {
      if (!chunkSize) {
        socket.write(bytes);
        continue;
      }
      for (let offset = 0; offset < bytes.length; offset += chunkSize) {
        socket.write(bytes.subarray(offset, offset + chunkSize));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.clients) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
