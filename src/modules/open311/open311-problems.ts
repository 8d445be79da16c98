import { ValidationError } from '../../platform/errors.js';

/** One thing wrong with a client's input: the parameter as the client named it, and the rule. */
export interface Problem {
  field: string;
  message: string;
  rule: string;
  limit?: number;
  allowed?: string[];
}

/**
 * Every problem of one request at once (Open311 answers with a list of errors), still a
 * ValidationError for the rest of the platform (the first problem is its field and rule).
 */
export class RequestProblems extends ValidationError {
  constructor(readonly problems: Problem[]) {
    const first = problems[0] ?? { field: 'request', message: 'is invalid', rule: 'invalid' };
    super(first.field, `${first.field} ${first.message}`, 'VALIDATION_FAILED', {
      rule: first.rule,
      ...(first.limit !== undefined && { limit: first.limit }),
      ...(first.allowed && { allowed: first.allowed }),
    });
  }
}

/** "lat: must be at most 90 (rule: maximum, limit: 90)": the field, what is wrong, the rule. */
export function describeProblem(problem: Problem): string {
  const details = [`rule: ${problem.rule}`];
  if (problem.limit !== undefined) details.push(`limit: ${problem.limit}`);
  if (problem.allowed) details.push(`allowed: ${problem.allowed.join(', ')}`);
  return `${problem.field}: ${problem.message} (${details.join(', ')})`;
}

/** Collects problems while a request is read; `check()` throws them all, if any. */
export class ProblemList {
  readonly problems: Problem[] = [];

  add(field: string, message: string, rule: string, extra: Partial<Problem> = {}): void {
    this.problems.push({ field, message, rule, ...extra });
  }

  check(): void {
    if (this.problems.length > 0) throw new RequestProblems(this.problems);
  }
}
