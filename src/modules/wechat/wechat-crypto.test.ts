import * as oracle from '@wecom/crypto';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { isValidSignature, WechatCipher, wechatSignature } from './wechat-crypto.js';

// Published vectors: Tencent's sample code for the official account's message encryption
// (WXBizMsgCrypt: the Java sample's test and the Python sample's message).
const SAMPLE_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const JAVA_SAMPLE = {
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypted:
    'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  video:
    '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
  videoEncrypted:
    'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
};
const PYTHON_SAMPLE = {
  token: 'spamtest',
  timestamp: '1409735669',
  nonce: '1320562132',
  appId: 'wx2c2769f8efd9abc2',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypted:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
};

describe('WeChat message encryption against published vectors', () => {
  it('encrypts the Java sample exactly, and decrypts it back', () => {
    const cipher = new WechatCipher(SAMPLE_KEY, JAVA_SAMPLE.appId);
    const random = Buffer.from(JAVA_SAMPLE.random);
    expect(cipher.encrypt(JAVA_SAMPLE.message, random)).toBe(JAVA_SAMPLE.encrypted);
    expect(cipher.encrypt(JAVA_SAMPLE.video, random)).toBe(JAVA_SAMPLE.videoEncrypted);
    expect(cipher.decrypt(JAVA_SAMPLE.encrypted)).toBe(JAVA_SAMPLE.message);
    expect(cipher.decrypt(JAVA_SAMPLE.videoEncrypted)).toBe(JAVA_SAMPLE.video);
  });

  it('checks the msg_signature of the Python sample and reads its message', () => {
    const { token, timestamp, nonce, encrypted, msgSignature } = PYTHON_SAMPLE;
    expect(wechatSignature([token, timestamp, nonce, encrypted])).toBe(msgSignature);
    expect(isValidSignature([token, timestamp, nonce, encrypted], msgSignature)).toBe(true);
    const message = new WechatCipher(SAMPLE_KEY, PYTHON_SAMPLE.appId).decrypt(encrypted);
    expect(message).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(message).toContain('<Content><![CDATA[abcdteT]]></Content>');
  });
});

describe('WeChat message encryption against @wecom/crypto as the oracle', () => {
  const key = 'XvYb1Kx0T7oLq9W3ZsFh2Jm8cRn4Ad6Pe5Gu0Iy1Bk7';
  const appId = 'wx1234567890abcdef';
  const cipher = new WechatCipher(key, appId);
  // Every length around the 32-byte padding blocks, and full Unicode.
  const messages = [
    '',
    'a',
    ...Array.from({ length: 70 }, (_, n) => 'x'.repeat(n)),
    '小区路灯坏了三天 𠮷😀',
    '<xml><Content><![CDATA[𠮷]]]]><![CDATA[>😀]]></Content></xml>',
    '字'.repeat(5000),
  ];

  it('produces the same ciphertext for the same random bytes', () => {
    for (const message of messages) {
      const random = randomBytes(16);
      expect(cipher.encrypt(message, random)).toBe(oracle.encrypt(key, message, appId, random));
    }
  });

  it('reads what the oracle encrypts, and the oracle reads what it encrypts', () => {
    for (const message of messages) {
      expect(cipher.decrypt(oracle.encrypt(key, message, appId))).toBe(message);
      expect(oracle.decrypt(key, cipher.encrypt(message))).toMatchObject({ message, id: appId });
    }
  });

  it('signs like the oracle, and compares signatures without regard to case', () => {
    for (let i = 0; i < 50; i++) {
      const parts = ['token123', String(1_700_000_000 + i), randomBytes(6).toString('hex')];
      const encrypted = cipher.encrypt(`m${i}`);
      const expected = oracle.getSignature(parts[0]!, parts[1]!, parts[2]!, encrypted);
      expect(wechatSignature([...parts, encrypted])).toBe(expected);
      expect(isValidSignature([...parts, encrypted], expected.toUpperCase())).toBe(true);
    }
  });
});

describe('WeChat message encryption refuses', () => {
  const appId = 'wx1234567890abcdef';
  const cipher = new WechatCipher(SAMPLE_KEY, appId);

  it('an EncodingAESKey that is not 43 letters and digits, naming the rule', () => {
    for (const bad of [
      SAMPLE_KEY.slice(0, 42),
      `${SAMPLE_KEY}A`,
      `${SAMPLE_KEY.slice(0, 42)}+`,
      '',
    ]) {
      let refused: unknown;
      try {
        new WechatCipher(bad, appId);
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'encodingAESKey',
        details: { rule: 'pattern' },
      });
      expect((refused as Error).message).toContain('43 letters and digits');
    }
  });

  it('a message encrypted for another official account', () => {
    const other = oracle.encrypt(SAMPLE_KEY, '<xml/>', 'wxSomeoneElse');
    expect(codeOf(() => cipher.decrypt(other))).toBe('WECHAT_APPID_MISMATCH');
  });

  it('a message encrypted with another key, cut short, tampered with or not base64', () => {
    const otherKey = oracle.encrypt('Z'.repeat(43), '<xml/>', appId);
    expect(codeOf(() => cipher.decrypt(otherKey))).toMatch(
      /WECHAT_(DECRYPT_FAILED|APPID_MISMATCH)/,
    );
    const good = cipher.encrypt('<xml><Content>路灯</Content></xml>');
    expect(codeOf(() => cipher.decrypt(good.slice(0, 20)))).toBe('WECHAT_DECRYPT_FAILED');
    expect(codeOf(() => cipher.decrypt('not base64 at all!'))).toBe('WECHAT_DECRYPT_FAILED');
    expect(codeOf(() => cipher.decrypt(''))).toBe('WECHAT_DECRYPT_FAILED');
    const bytes = Buffer.from(good, 'base64');
    bytes.writeUInt8(bytes[bytes.length - 1]! ^ 0x01, bytes.length - 1);
    expect(codeOf(() => cipher.decrypt(bytes.toString('base64')))).toMatch(
      /WECHAT_(DECRYPT_FAILED|APPID_MISMATCH)/,
    );
  });

  it('a signature that is missing or does not match', () => {
    const parts = ['token123', '1700000000', 'nonce'];
    const right = wechatSignature(parts);
    expect(isValidSignature(parts, undefined)).toBe(false);
    expect(isValidSignature(parts, '')).toBe(false);
    expect(isValidSignature(parts, right.slice(0, 39))).toBe(false);
    expect(isValidSignature(parts, `${right.slice(0, 39)}${right[39] === '0' ? '1' : '0'}`)).toBe(
      false,
    );
    expect(isValidSignature(['token124', '1700000000', 'nonce'], right)).toBe(false);
  });
});
