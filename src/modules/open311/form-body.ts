// application/x-www-form-urlencoded bodies as GeoReport v2 clients send them: repeated keys
// (attribute[code][]=a&attribute[code][]=b) keep every value, in order. Pure.

export type FormValues = Record<string, string | string[]>;

/** Parses a form body (UTF-8, '+' as space); a key given more than once maps to all its values. */
export function parseForm(body: string): FormValues {
  const values: FormValues = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const earlier = values[key];
    if (earlier === undefined) values[key] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else values[key] = [earlier, value];
  }
  return values;
}

/** Adds one value to a parameter map (multipart fields arrive one at a time). */
export function addValue(values: FormValues, key: string, value: string): void {
  const earlier = values[key];
  if (earlier === undefined) values[key] = value;
  else if (Array.isArray(earlier)) earlier.push(value);
  else values[key] = [earlier, value];
}
