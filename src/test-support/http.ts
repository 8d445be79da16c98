// Typed readers of inject() answers, for the API tests.

interface Injected {
  json<T>(): T;
}

/** The error of an error envelope. */
export const errorOf = (response: Injected) =>
  response.json<{
    error: {
      code: string;
      message: string;
      requestId: string;
      field?: string;
      lockedUntil?: string;
    };
  }>().error;

/** The `items` of a list answer. */
export const itemsOf = <T = Record<string, unknown>>(response: Injected): T[] =>
  response.json<{ items: T[] }>().items;

/** The usernames (or another text field) of a list answer, in order. */
export const namesOf = (response: Injected, key: 'username' | 'code'): string[] =>
  itemsOf<Record<string, string>>(response).map((item) => item[key]!);
