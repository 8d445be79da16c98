import type { SmtpSecurity, SmtpSettings } from '../../platform/outbound/mail-sender.js';
import type { SmsGatewaySettings } from '../../platform/outbound/sms-sender.js';
import type { ChannelSettingSpec, ChannelSettingsService } from '../channels/index.js';
import type { WeiboApiSettings } from './weibo-api.js';

// What an admin sets for the SMS, Weibo and e-mail channels (GET/PUT /admin/channels), read per
// use so that a change applies at once on every instance. Secrets are never logged nor shown.

const URL_RULE = { pattern: /^https?:\/\/\S+$/, patternRule: 'an http:// or https:// URL' };
const SECONDS_RULE = { pattern: /^\d{1,3}$/, patternRule: 'a number of seconds (1–999)' };
const ASCII_RULE = { pattern: /^[\x21-\x7e]+$/, patternRule: 'printable ASCII without spaces' };
const EMAIL_RULE = { pattern: /^[^\s@<>]+@[^\s@<>]+$/, patternRule: 'an e-mail address' };

export const SMS_SETTINGS: ChannelSettingSpec[] = [
  {
    key: 'gateway_url',
    description: 'SMS gateway: URL messages are POSTed to (JSON)',
    ...URL_RULE,
  },
  {
    key: 'api_key',
    secret: true,
    description: 'SMS gateway: API key, sent as a bearer token',
    ...ASCII_RULE,
  },
  {
    key: 'sender_id',
    description: 'SMS gateway: the sender number or name shown to citizens',
  },
  {
    key: 'inbound_secret',
    secret: true,
    description: 'Inbound SMS webhook: shared secret of the HMAC-SHA256 signature',
  },
  {
    key: 'signature',
    description: 'Text put before every SMS (the registered SMS signature)',
    default: '【12345】',
  },
  {
    key: 'timeout_seconds',
    description: 'How long to wait for the gateway',
    default: '10',
    ...SECONDS_RULE,
  },
];

export const WEIBO_SETTINGS: ChannelSettingSpec[] = [
  {
    key: 'api_base_url',
    description: 'Weibo API: base URL',
    default: 'https://api.weibo.com',
    ...URL_RULE,
  },
  {
    key: 'private_api_base_url',
    description: 'Weibo API: base URL of private messages (fan service)',
    default: 'https://m.api.weibo.com',
    ...URL_RULE,
  },
  {
    key: 'access_token',
    secret: true,
    description: "Weibo API: the centre account's access token",
    ...ASCII_RULE,
  },
  {
    key: 'push_secret',
    secret: true,
    description: 'Weibo message push: the app secret its signatures are made with',
  },
  {
    key: 'timeout_seconds',
    description: 'How long to wait for the Weibo API',
    default: '10',
    ...SECONDS_RULE,
  },
];

export const EMAIL_SETTINGS: ChannelSettingSpec[] = [
  {
    key: 'centre_address',
    description: "The centre's appeal address: the only recipient the SMTP listener accepts",
    ...EMAIL_RULE,
  },
  { key: 'smtp_host', description: 'Outgoing mail: SMTP server host' },
  {
    key: 'smtp_port',
    description: 'Outgoing mail: SMTP port',
    default: '587',
    pattern: /^\d{1,5}$/,
  },
  {
    key: 'smtp_security',
    description: 'Outgoing mail: starttls (587), tls (465) or none (a trusted local relay)',
    default: 'starttls',
    pattern: /^(starttls|tls|none)$/,
    patternRule: 'starttls, tls or none',
  },
  { key: 'smtp_user', description: 'Outgoing mail: SMTP login' },
  { key: 'smtp_password', secret: true, description: 'Outgoing mail: SMTP password' },
  {
    key: 'from_address',
    description: 'Outgoing mail: the From address (default: the centre address)',
  },
  {
    key: 'timeout_seconds',
    description: 'How long to wait for the SMTP server',
    default: '15',
    ...SECONDS_RULE,
  },
];

const seconds = (value: string | null | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n * 1000 : fallback * 1000;
};

/** Reads the three channels' settings in the shapes the adapters use. */
export class MessagingSettings {
  constructor(private readonly settings: ChannelSettingsService) {}

  /** Called once by the composition root (through the module). */
  register(): void {
    this.settings.register('sms', SMS_SETTINGS);
    this.settings.register('weibo', WEIBO_SETTINGS);
    this.settings.register('email', EMAIL_SETTINGS);
  }

  /** The SMS gateway to send through, or null until its URL and key are set. */
  async smsGateway(): Promise<SmsGatewaySettings | null> {
    const v = await this.settings.values('sms');
    if (!v.gateway_url || !v.api_key) return null;
    return {
      url: v.gateway_url,
      apiKey: v.api_key,
      senderId: v.sender_id ?? null,
      timeoutMs: seconds(v.timeout_seconds, 10),
    };
  }

  async sms(): Promise<{ inboundSecret: string | null; signature: string }> {
    const v = await this.settings.values('sms');
    return { inboundSecret: v.inbound_secret ?? null, signature: v.signature ?? '' };
  }

  async weibo(): Promise<WeiboApiSettings & { pushSecret: string | null }> {
    const v = await this.settings.values('weibo');
    return {
      apiBaseUrl: (v.api_base_url ?? 'https://api.weibo.com').replace(/\/+$/, ''),
      privateApiBaseUrl: (v.private_api_base_url ?? 'https://m.api.weibo.com').replace(/\/+$/, ''),
      accessToken: v.access_token ?? null,
      pushSecret: v.push_secret ?? null,
      timeoutMs: seconds(v.timeout_seconds, 10),
    };
  }

  /** The address appeals are sent to (lower case), or null until set. */
  async centreAddress(): Promise<string | null> {
    return (await this.settings.values('email')).centre_address?.toLowerCase() ?? null;
  }

  /** The SMTP server to send through, or null until its host and a From address are set. */
  async smtp(): Promise<SmtpSettings | null> {
    const v = await this.settings.values('email');
    const from = v.from_address ?? v.centre_address;
    if (!v.smtp_host || !from) return null;
    return {
      host: v.smtp_host,
      port: Number(v.smtp_port ?? 587),
      security: (v.smtp_security ?? 'starttls') as SmtpSecurity,
      user: v.smtp_user ?? null,
      password: v.smtp_password ?? null,
      from,
      timeoutMs: seconds(v.timeout_seconds, 15),
    };
  }
}
