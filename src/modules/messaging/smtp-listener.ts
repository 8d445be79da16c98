import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { BackgroundLog, BackgroundWork } from '../../platform/background.js';
import { ValidationError } from '../../platform/errors.js';
import type { EmailChannelService } from './email.service.js';

export interface SmtpListenerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  maxBytes: number;
}

const smtpError = (responseCode: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode });

/**
 * The centre's inbound SMTP listener (smtp-server): mail to the centre's address is accepted,
 * any other recipient is refused at RCPT TO with 550, a message larger than `maxBytes` with 552.
 * A message is answered 250 only once it is filed (durable); if filing fails for a passing reason
 * the answer is 451 and the sending server tries again later. No AUTH and no STARTTLS: it is
 * meant to receive from the centre's mail exchanger on a private network (see README).
 */
export class SmtpListener {
  private server: SMTPServer | null = null;

  constructor(
    private readonly options: SmtpListenerOptions,
    private readonly email: EmailChannelService,
  ) {}

  /** Listens; resolves to the port (useful with port 0). */
  async start(log?: BackgroundLog): Promise<number> {
    const server = new SMTPServer({
      name: 'openhotline',
      banner: 'OpenHotline appeal intake',
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      size: this.options.maxBytes,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.email
          .checkRecipient(address.address)
          .then((check) => {
            if (check === 'accepted') callback();
            else if (check === 'not_configured')
              callback(smtpError(451, 'The centre address is not configured yet'));
            else callback(smtpError(550, 'No such recipient here'));
          })
          .catch(() => callback(smtpError(451, 'Temporary failure, try again later')));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          // Beyond the limit the rest is read and dropped (the answer will be 552).
          size += chunk.length;
          if (size <= this.options.maxBytes) chunks.push(chunk);
        });
        stream.on('error', () => callback(smtpError(451, 'Temporary failure, try again later')));
        stream.on('end', () => {
          if (stream.sizeExceeded || size > this.options.maxBytes) {
            callback(smtpError(552, `Message exceeds ${this.options.maxBytes} bytes`));
            return;
          }
          this.email
            .receive(Buffer.concat(chunks), envelopeOf(session))
            .then(() => callback())
            .catch((error: unknown) => {
              // Never the message or its sender in the log: the error's kind only.
              log?.error(
                { err: { name: (error as Error).name, code: (error as { code?: string }).code } },
                'e-mail intake failed',
              );
              if (error instanceof ValidationError)
                callback(smtpError(554, 'The message could not be filed'));
              else callback(smtpError(451, 'Temporary failure, try again later'));
            });
        });
      },
    });
    server.on('error', (error) => log?.error({ err: { name: error.name } }, 'SMTP listener error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const port = (server.server.address() as AddressInfo).port;
    log?.info({ host: this.options.host, port }, 'SMTP listener ready');
    return port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** As the server's background work: listens while the server runs. */
  background(): BackgroundWork {
    return {
      start: async (log) => {
        await this.start(log);
        return () => this.stop();
      },
    };
  }
}

function envelopeOf(session: SMTPServerSession) {
  return {
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
  };
}
