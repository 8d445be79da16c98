import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on SQLite in ./data by default, on 127.0.0.1:3000', () => {
    const config = loadConfig({}, '/srv/hotline');
    expect(config.databaseUrl).toBe('sqlite:/srv/hotline/data/openhotline.db');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hotline' }).databaseUrl).toBe(
      'postgres://u@db:5432/hotline',
    );
  });

  it('names every bad key with its rule, all at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        COOKIE_SECURE: 'maybe',
        TIME_ZONE: 'Mars/Olympus',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x:secret@h/db',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT must be an integer from 0 to 65535 \(got "eighty"\)/);
    expect(problems.join('\n')).toMatch(/COOKIE_SECURE must be true or false/);
    expect(problems.join('\n')).toMatch(/TIME_ZONE must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must start with/);
    expect(problems.join('\n')).not.toMatch(/secret/);
  });
});
