import nodemailer from 'nodemailer';
import { DEFAULT_SEND_TIMEOUT_MS, SendError } from './send-error.js';

/** One e-mail to one recipient, as plain text (and optionally HTML). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Our Message-ID for it (`<…@domain>`), the same on every retry so a receiver can drop a repeat. */
  messageId?: string;
  /** The message this one answers (threads it in the citizen's mailbox). */
  inReplyTo?: string | null;
  references?: string[];
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface SentMail {
  messageId: string;
}

/** Sends e-mail; errors are SendErrors saying whether a retry may help. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<SentMail>;
}

/** `starttls`: upgrade a plain connection, required (port 587); `tls`: TLS from the start (465); `none`: a trusted local relay. */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  /** The From address (`12345@city.gov.cn` or `"12345热线" <12345@city.gov.cn>`). */
  from: string;
  timeoutMs?: number;
}

/** Connection problems a later attempt may not meet (nodemailer's error codes). */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/**
 * Sends e-mail through an SMTP server (nodemailer), one connection per message. The settings are
 * read per message, so an admin's change applies at once; null means not configured (retryable).
 * A 4xx answer or a connection problem is retryable, and so is a refused login (the admin
 * corrects it, the message stays the same); a 5xx refusal of the message or its recipient is
 * final.
 */
export class SmtpMailSender implements MailSender {
  constructor(private readonly settings: () => Promise<SmtpSettings | null>) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    const settings = await this.settings();
    if (!settings) throw new SendError('NOT_CONFIGURED', 'SMTP is not configured', true);
    const timeout = settings.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    const transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.security === 'tls',
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Only what we hand over: no files or URLs fetched for attachments.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      });
      if (info.rejected.length > 0)
        throw new SendError('RECIPIENT_REFUSED', 'The SMTP server refused the recipient', false);
      return { messageId: info.messageId };
    } catch (error) {
      throw error instanceof SendError ? error : classifySmtpError(error);
    } finally {
      transport.close();
    }
  }
}

/** A nodemailer error as a SendError: its code and SMTP status only (its text may name the recipient). */
export function classifySmtpError(error: unknown): SendError {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  if (code === 'EAUTH')
    return new SendError('SMTP_AUTH_FAILED', 'The SMTP server refused the login', true);
  if (typeof responseCode === 'number') {
    const final = responseCode >= 500;
    return new SendError(
      final ? 'SMTP_REFUSED' : 'SMTP_DEFERRED',
      `The SMTP server answered ${responseCode}`,
      !final,
    );
  }
  if (code && TRANSIENT_CODES.has(code))
    return new SendError(
      'SMTP_UNREACHABLE',
      `The SMTP server could not be reached (${code})`,
      true,
    );
  if (code === 'EMESSAGE' || code === 'EENVELOPE')
    return new SendError('SMTP_BAD_MESSAGE', `The message could not be sent (${code})`, false);
  return new SendError('SMTP_FAILED', `Sending failed${code ? ` (${code})` : ''}`, true);
}
