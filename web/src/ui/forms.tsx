import {
  cloneElement,
  useCallback,
  useId,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { ApiError } from '../api';
import { useT } from '../i18n';

/**
 * A labelled form field: the label, the control (given as the only child, which receives id,
 * aria-invalid and aria-describedby) and the server's message for this field under it.
 */
export function Field({
  label,
  error,
  hint,
  required,
  children,
  className,
}: {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="field-required"> ({t('form.required')})</span> : null}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
        required: required ?? children.props.required,
      })}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The server's refusal of a form: the message goes next to the field it names, or above the
 * form when it names none. `capture` returns false for errors that are not the server's.
 */
export function useServerErrors() {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);
  const capture = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.field) {
      // Already in the user's language (see ApiError).
      setFieldErrors({ [error.field]: error.message });
      setFormError(null);
    } else {
      setFieldErrors({});
      setFormError(error instanceof Error ? error.message : String(error));
    }
  }, []);
  return { fieldErrors, formError, clear, capture, setFieldErrors };
}

/** A message above a form or a list: an error (role=alert) or a notice (role=status). */
export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'error' | 'success';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
