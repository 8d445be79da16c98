import type SQLite from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * small indexed query. This keeps the prepared statements of one connection by SQL text (the
 * application issues a few hundred distinct statements), evicting the oldest beyond `limit`.
 */
export function withStatementCache(handle: SQLite.Database, limit = 1000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = handle.prepare.bind(handle);
  return new Proxy(handle, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = prepare(source);
          if (cache.size >= limit) cache.delete(cache.keys().next().value!);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}
