import { useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { splitTokens } from './knowledge-data';

/**
 * Words typed one after another: Enter or a comma makes a token, Backspace in the empty box takes
 * the last one back. The input gets the id and aria attributes from <Field>.
 */
export function TokenInput({
  value,
  onChange,
  ...inputProps
}: {
  value: string[];
  onChange: (tokens: string[]) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const fresh = splitTokens(raw).filter((token) => !value.includes(token));
    if (fresh.length) onChange([...value, ...fresh]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
      if (event.nativeEvent.isComposing) return;
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className="kb-tokens">
      {value.map((token) => (
        <span key={token} className="kb-token">
          {token}
          <button
            type="button"
            className="ghost"
            aria-label={t('kb.tokens.remove', { token })}
            onClick={() => onChange(value.filter((other) => other !== token))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        {...inputProps}
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          if (/[,，、]/.test(typed)) add(typed);
          else setText(typed);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() && add(text)}
      />
    </div>
  );
}
