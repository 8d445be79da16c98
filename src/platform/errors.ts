/**
 * Domain errors carry a stable SCREAMING_SNAKE code; one HTTP error handler maps them to status
 * codes, so services never know about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The rule a value broke, as the schema validator names it (minLength, pattern, enum…): the UI words it. */
export interface BrokenRule {
  rule: string;
  limit?: number;
  allowed?: string[];
}

export class ValidationError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    code = 'VALIDATION_FAILED',
    broken?: BrokenRule,
  ) {
    super(code, message, { field, ...broken });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string | number, code = 'NOT_FOUND') {
    super(code, `${what} ${id} not found`);
  }
}

/** An illegal state transition or a conflicting write. */
export class ConflictError extends DomainError {}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(code, message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Log in first', code = 'UNAUTHENTICATED') {
    super(code, message);
  }
}

export function httpStatusOf(error: DomainError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof UnauthorizedError) return 401;
  if (error.code === 'TOO_MANY_REQUESTS' || error.code === 'ACCOUNT_LOCKED') return 429;
  if (error.code === 'PAYLOAD_TOO_LARGE') return 413;
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return 415;
  return 400;
}
