/** Whether a database error is a unique index refusing a row (PostgreSQL 23505, SQLite's code). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
