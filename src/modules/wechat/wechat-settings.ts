// The official account's settings, kept by the admin in the channel settings (secrets masked,
// changes audited, never logged) and read by the adapter per use.
import { ConflictError } from '../../platform/errors.js';
import type { ChannelSettingSpec } from '../channels/index.js';
import { ENCODING_AES_KEY, ENCODING_AES_KEY_RULE } from './wechat-crypto.js';

export const WECHAT_CHANNEL = 'wechat';

export const WECHAT_MODES = ['plain', 'compatible', 'safe'] as const;
export type WechatMode = (typeof WECHAT_MODES)[number];

export const DEFAULT_API_BASE_URL = 'https://api.weixin.qq.com';

export const WECHAT_SETTINGS: ChannelSettingSpec[] = [
  {
    key: 'token',
    secret: true,
    description:
      'Token of the server configuration, the same as in the WeChat console (signs every request)',
    pattern: /^[A-Za-z0-9]{3,32}$/,
    patternRule: '3 to 32 letters and digits (the Token of the WeChat console)',
  },
  {
    key: 'encodingAESKey',
    secret: true,
    description: 'EncodingAESKey of the server configuration: the key of compatible and safe modes',
    pattern: ENCODING_AES_KEY,
    patternRule: ENCODING_AES_KEY_RULE,
  },
  {
    key: 'appId',
    description: 'AppID of the official account (wx…)',
    pattern: /^[A-Za-z0-9_-]{1,64}$/,
    patternRule: '1 to 64 letters, digits, - or _ (the AppID of the WeChat console)',
  },
  {
    key: 'appSecret',
    secret: true,
    description: 'AppSecret, for the access token of customer-service messages and media downloads',
    pattern: /^[A-Za-z0-9]{8,128}$/,
    patternRule: '8 to 128 letters and digits (the AppSecret of the WeChat console)',
  },
  {
    key: 'mode',
    description: 'Message encryption, as chosen in the console: plain, compatible or safe',
    default: 'safe',
    pattern: /^(plain|compatible|safe)$/,
    patternRule: 'one of plain, compatible, safe',
  },
  {
    key: 'apiBaseUrl',
    description: 'Base URL of the WeChat API',
    default: DEFAULT_API_BASE_URL,
    pattern: /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
    patternRule: 'an http:// or https:// URL without query',
  },
];

export interface WechatSettings {
  token: string | null;
  encodingAESKey: string | null;
  appId: string | null;
  appSecret: string | null;
  mode: WechatMode;
  apiBaseUrl: string;
}

export function toWechatSettings(values: Record<string, string | null>): WechatSettings {
  const mode = values.mode ?? 'safe';
  return {
    token: values.token ?? null,
    encodingAESKey: values.encodingAESKey ?? null,
    appId: values.appId ?? null,
    appSecret: values.appSecret ?? null,
    mode: (WECHAT_MODES as readonly string[]).includes(mode) ? (mode as WechatMode) : 'safe',
    apiBaseUrl: (values.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, ''),
  };
}

export const notConfigured = (missing: string): ConflictError =>
  new ConflictError(
    'WECHAT_NOT_CONFIGURED',
    `The WeChat channel is not configured: an admin must set ${missing} in the channel settings`,
  );
