import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger.js';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/contacts?caller=13912345678', '/api/v1/contacts?caller=[REDACTED]'],
    [
      '/api/v1/tickets?status=closed&citizenPhone=139&q=%E8%B7%AF',
      '/api/v1/tickets?status=closed&citizenPhone=[REDACTED]&q=[REDACTED]',
    ],
    ['/api/v1/public/appeals/2026?code=abc', '/api/v1/public/appeals/2026?code=[REDACTED]'],
    ['/api/v1/tickets?page=2&pageSize=20', '/api/v1/tickets?page=2&pageSize=20'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
