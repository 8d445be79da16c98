import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useNames, type UnitEntry } from '../tickets/reference';

const MAX_OPTIONS = 30;
/** What the list offers before anything is typed: the first levels a dispatcher thinks in. */
const FIRST_LEVEL = new Set(['district', 'department', 'enterprise']);

/** Handling units matching every word of `query`, best first (name starts with it, then contains). */
export function searchUnits(units: readonly UnitEntry[], query: string): UnitEntry[] {
  const handling = units.filter((unit) => unit.active && unit.type !== 'centre');
  const q = query.trim().toLowerCase();
  if (!q) return handling.filter((unit) => FIRST_LEVEL.has(unit.type)).slice(0, MAX_OPTIONS);
  const words = q.split(/\s+/);
  const rank = (unit: UnitEntry) => {
    const name = unit.name.toLowerCase();
    const nameEn = unit.nameEn.toLowerCase();
    if (name.startsWith(q) || nameEn.startsWith(q)) return 0;
    if (name.includes(q) || nameEn.includes(q)) return 1;
    return 2;
  };
  return handling
    .filter((unit) => words.every((word) => unit.haystack.includes(word)))
    .map((unit, order) => ({ unit, order, rank: rank(unit) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, MAX_OPTIONS)
    .map((entry) => entry.unit);
}

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
  autoFocus?: boolean;
}

/**
 * Type-to-search over the unit tree (a combobox): arrows move, Enter picks, Escape closes.
 * Wrapped in <Field>, which gives the input its id, label and error.
 */
function UnitCombobox({
  onPick,
  text,
  setText,
  exclude,
  placeholder,
  onBackspaceEmpty,
  ...control
}: ControlProps & {
  onPick: (unit: UnitEntry) => void;
  text: string;
  setText: (text: string) => void;
  exclude: readonly number[];
  placeholder?: string;
  onBackspaceEmpty?: () => void;
}) {
  const t = useT();
  const names = useNames();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = useMemo(
    () =>
      names.reference
        ? searchUnits(names.reference.units, text).filter((unit) => !exclude.includes(unit.id))
        : [],
    [names.reference, text, exclude],
  );
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current
      ?.querySelector(`[data-index="${active}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const pick = (unit: UnitEntry | undefined) => {
    if (!unit) return;
    onPick(unit);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(options.length - 1, 0)));
    } else if (event.key === 'Enter' && open && options.length > 0) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === 'Backspace' && text === '') {
      onBackspaceEmpty?.();
    }
  };
  const activeId = open && options[active] ? `${listId}-${options[active].id}` : undefined;
  return (
    <div className="unit-picker-box">
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        placeholder={placeholder ?? t('dsp.unit.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        // Opening on focus would cover the next fields when the form focuses this one first.
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul className="unit-picker-list" role="listbox" id={listId} ref={listRef}>
          {options.length === 0 ? (
            <li className="muted" role="presentation">
              {t('dsp.unit.none')}
            </li>
          ) : null}
          {options.map((unit, index) => (
            <li
              key={unit.id}
              id={`${listId}-${unit.id}`}
              role="option"
              data-index={index}
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(unit)}
              onMouseEnter={() => setActive(index)}
            >
              <span>{names.en ? unit.nameEn : unit.name}</span>
              <span className="muted unit-picker-path">
                {t(`dsp.unitType.${unit.type}` as MessageKey)}
                {unit.path.length ? ` · ${names.unitPath(unit)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One unit (the lead unit, 主办): the input shows the chosen unit's name. */
export function UnitPicker({
  value,
  onChange,
  exclude = [],
  ...control
}: ControlProps & {
  value: number | null;
  onChange: (unitId: number | null) => void;
  exclude?: readonly number[];
}) {
  const names = useNames();
  const chosen = value === null ? '' : names.unit(value);
  const [text, setText] = useState(chosen);
  // Show a newly chosen unit's name; un-choosing (the user typing over it) keeps what they typed.
  useEffect(() => {
    if (chosen) setText(chosen);
  }, [chosen]);
  return (
    <UnitCombobox
      {...control}
      text={text}
      exclude={exclude}
      setText={(next) => {
        setText(next);
        if (value !== null && next !== chosen) onChange(null);
      }}
      onPick={(unit) => {
        onChange(unit.id);
        setText(names.en ? unit.nameEn : unit.name);
      }}
    />
  );
}

/** Several units (co-handlers, 协办): chosen ones as removable chips before the search input. */
export function UnitMultiPicker({
  value,
  onChange,
  exclude = [],
  ...control
}: ControlProps & {
  value: readonly number[];
  onChange: (unitIds: number[]) => void;
  exclude?: readonly number[];
}) {
  const t = useT();
  const names = useNames();
  const [text, setText] = useState('');
  const excluded = useMemo(() => [...exclude, ...value], [exclude, value]);
  return (
    <div className="unit-multi">
      {value.length > 0 ? (
        <ul className="unit-chips" aria-label={t('dsp.unit.chosen')}>
          {value.map((id) => (
            <li key={id} className="unit-chip">
              {names.unit(id)}
              <button
                type="button"
                className="ghost"
                aria-label={t('dsp.unit.remove', { unit: names.unit(id) })}
                onClick={() => onChange(value.filter((other) => other !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <UnitCombobox
        {...control}
        text={text}
        setText={setText}
        exclude={excluded}
        placeholder={t('dsp.unit.addPlaceholder')}
        onBackspaceEmpty={() => value.length && onChange(value.slice(0, -1))}
        onPick={(unit) => {
          onChange([...value, unit.id]);
          setText('');
        }}
      />
    </div>
  );
}
