import { useId } from 'react';

/** A labelled group of radio buttons (one question of the callback), with its error under it. */
export function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | null;
  onChange: (value: T) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={`cb-choice${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      <div className="cb-options">
        {options.map((option) => (
          <label
            key={option.value}
            className={`cb-option${value === option.value ? ' cb-option-on' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
