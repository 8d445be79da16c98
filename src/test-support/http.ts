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

/** The first bytes of a PNG, enough for the type check by content. */
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a picture of a broken street light'),
]);

/** A multipart/form-data body with some fields and one file, for inject(). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----openhotline-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
