import path from 'node:path';

/** The only reader of process.env: validated once at start, frozen, passed down. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly cookieSecure: boolean;
  readonly timeZone: string;
  readonly seedDemo: boolean;
  readonly sessionTtlHours: number;
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  readonly attachmentMaxBytes: number;
  readonly groupCommitMs: number;
  readonly shutdownGraceMs: number;
  readonly databasePoolSize: number;
  readonly publicRateLimit: number;
  readonly trustProxy: boolean;
  /** The inbound SMTP listener (e-mail channel): its port, or null when off. */
  readonly smtpListenPort: number | null;
  readonly smtpListenHost: string;
  /** Largest e-mail the SMTP listener takes (attachments included, as sent). */
  readonly smtpMaxBytes: number;
  /** The Chromium that prints the monthly report to PDF (CHROMIUM_PATH). */
  readonly chromiumPath: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${key} must be true or false (got "${raw}")`);
    return fallback;
  };

  const dataDir = path.resolve(cwd, env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'openhotline.db')}`;
  if (!/^(postgres|postgresql|sqlite):/.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}")`,
    );
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const timeZone = env.TIME_ZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`TIME_ZONE must be an IANA time zone such as Asia/Shanghai (got "${timeZone}")`);
  }

  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    host,
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    logLevel,
    cookieSecure: bool('COOKIE_SECURE', false),
    timeZone,
    seedDemo: bool('SEED_DEMO', true),
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    lockoutThreshold: int('LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMinutes: int('LOCKOUT_MINUTES', 15, 1, 24 * 60),
    attachmentMaxBytes: int('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    groupCommitMs: int('GROUP_COMMIT_MS', 2, 0, 100),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    databasePoolSize: int('DATABASE_POOL_SIZE', 20, 1, 500),
    publicRateLimit: int('PUBLIC_RATE_LIMIT', 30, 1, 100_000),
    trustProxy: bool('TRUST_PROXY', false),
    smtpListenPort: env.SMTP_LISTEN_PORT ? int('SMTP_LISTEN_PORT', 0, 1, 65535) : null,
    smtpListenHost: env.SMTP_LISTEN_HOST || '127.0.0.1',
    smtpMaxBytes: int('SMTP_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** For process entry points: the configuration, or the list of problems and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
