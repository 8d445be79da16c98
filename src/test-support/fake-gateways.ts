// Local stand-ins for the outside world of the channels: an HTTP gateway (SMS, Weibo's API) and an
// SMTP server, each a real server on an ephemeral port of 127.0.0.1 that records what it received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /2/comments/create.json. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (to test timeouts): the socket stays open until the gateway closes. */
  hang?: boolean;
}

export interface FakeHttpGateway {
  url: string;
  requests: RecordedRequest[];
  /** Answers to give next, in order; when none is queued, `fallback` answers. */
  answers: FakeAnswer[];
  fallback: (request: RecordedRequest) => FakeAnswer;
  /** The JSON bodies of the requests to a path. */
  jsonTo(path: string): unknown[];
  /** The form bodies (application/x-www-form-urlencoded) of the requests to a path. */
  formsTo(path: string): URLSearchParams[];
  close(): Promise<void>;
}

let gatewayIds = 0;

/** An HTTP server that records every request and answers 200 `{ messageId }` unless told otherwise. */
export async function startFakeHttpGateway(): Promise<FakeHttpGateway> {
  const requests: RecordedRequest[] = [];
  const answers: FakeAnswer[] = [];
  const hanging = new Set<http.ServerResponse>();
  const gateway: FakeHttpGateway = {
    url: '',
    requests,
    answers,
    fallback: () => ({ status: 200, body: { messageId: `fake-${++gatewayIds}` } }),
    jsonTo: (path) =>
      requests
        .filter((r) => r.url.split('?')[0] === path)
        .map((r) => JSON.parse(r.body) as unknown),
    formsTo: (path) =>
      requests.filter((r) => r.url.split('?')[0] === path).map((r) => new URLSearchParams(r.body)),
    close: async () => {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = answers.shift() ?? gateway.fallback(recorded);
      if (answer.hang) {
        hanging.add(response);
        return;
      }
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return gateway;
}

export interface RecordedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
  user: string | null;
}

export interface FakeSmtpServer {
  port: number;
  mails: RecordedMail[];
  close(): Promise<void>;
}

/**
 * An SMTP server (no TLS) that records every message. With `login`, it requires that login;
 * `refuse` answers 550 for the recipients it names, `defer` 451 for every message.
 */
export async function startFakeSmtpServer(
  options: {
    login?: { user: string; password: string };
    refuse?: (address: string) => boolean;
    defer?: () => boolean;
  } = {},
): Promise<FakeSmtpServer> {
  const mails: RecordedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: options.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.login,
    logger: false,
    onAuth(auth, _session, callback) {
      const login = options.login;
      if (login && auth.username === login.user && auth.password === login.password)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.refuse?.(address.address))
        callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.defer?.()) {
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mails.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              user: typeof session.user === 'string' ? session.user : null,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
