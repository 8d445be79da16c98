import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { searchCategories, type CategoryMatch } from './category-search';
import { MARKS, useMarkAfterPaint } from './marks';
import type { CategoryEntry } from './reference-data';

const SEPARATOR = ' › ';

/** The category's path in the current language: 城乡建设 › 市政设施 › 路灯. */
export function usePathOf(): (entry: CategoryEntry) => string {
  const { locale } = useI18n();
  return (entry) => (locale === 'en' ? entry.pathEn : entry.path).join(SEPARATOR);
}

function highlight(text: string, query: string): ReactNode {
  const needle = query.trim().toLowerCase();
  const at = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  );
}

/**
 * The category picker: type to search the whole tree, arrows to move, Enter to choose, Escape
 * to close (the ARIA 1.2 combobox pattern with a list popup). `id` and the aria props come from
 * the enclosing <Field>.
 */
export function CategoryCombobox({
  categories,
  value,
  onChange,
  id,
  disabled,
  ...aria
}: {
  categories: readonly CategoryEntry[];
  value: CategoryEntry | null;
  onChange: (entry: CategoryEntry | null) => void;
  id?: string;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useI18n();
  const pathOf = usePathOf();
  const listId = useId();
  // While the operator types, `query` holds the text; once a category is chosen it shows its path.
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const text = query ?? (value ? pathOf(value) : '');
  const matches: CategoryMatch[] = useMemo(
    () => (query === null ? [] : searchCategories(categories, query)),
    [categories, query],
  );
  const expanded = open && query !== null && query.trim() !== '';
  useMarkAfterPaint(MARKS.categoryResults, matches, query !== null);

  const choose = (match: CategoryMatch | undefined) => {
    if (!match) return;
    onChange(match.entry);
    setQuery(null);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((n) => (matches.length === 0 ? -1 : (n + 1) % matches.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setActive((n) => (matches.length === 0 ? -1 : n <= 0 ? matches.length - 1 : n - 1));
        break;
      case 'Enter':
        if (!expanded) return;
        event.preventDefault();
        choose(matches[active >= 0 ? active : 0]);
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (query !== null) {
          event.preventDefault();
          setQuery(null);
        }
        break;
    }
  };

  const activeMatch = expanded && active >= 0 ? matches[active] : undefined;
  return (
    <div className="op-combo">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeMatch ? `${listId}-${activeMatch.entry.id}` : undefined}
        placeholder={t('op.category.placeholder')}
        disabled={disabled}
        value={text}
        title={value ? text : undefined}
        {...aria}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (query !== null) setOpen(true);
          else event.target.select();
        }}
        onBlur={() => {
          // Text that chose nothing is dropped, so the field never looks classified when it is not.
          setOpen(false);
          setQuery(null);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('op.category.options')}
        className="op-combo-list"
        hidden={!expanded}
      >
        {matches.map((match, index) => {
          const path = splitPath(pathOf(match.entry));
          return (
            <li
              key={match.entry.id}
              id={`${listId}-${match.entry.id}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'op-combo-active' : undefined}
              // mousedown, not click: the input keeps focus and does not close the list first
              onMouseDown={(event) => {
                event.preventDefault();
                choose(match);
              }}
              onMouseMove={() => setActive(index)}
            >
              {path.parent ? <span className="op-combo-parent">{path.parent}</span> : null}
              <span className="op-combo-name">{highlight(path.last, query ?? '')}</span>
              {match.keyword ? (
                <span className="op-combo-keyword">
                  {' ('}
                  {highlight(match.keyword, query ?? '')})
                </span>
              ) : null}
            </li>
          );
        })}
        {expanded && matches.length === 0 ? (
          <li role="option" aria-disabled="true" aria-selected="false" className="op-combo-empty">
            {t('op.category.noMatch')}
          </li>
        ) : null}
      </ul>
      <span className="op-sr-only" aria-live="polite">
        {expanded ? t('op.category.count', { count: matches.length }) : ''}
      </span>
    </div>
  );
}

/** Splits "城乡建设 › 市政设施 › 路灯" into its parents and its last name. */
function splitPath(path: string): { parent: string; last: string } {
  const at = path.lastIndexOf(SEPARATOR);
  if (at < 0) return { parent: '', last: path };
  return { parent: path.slice(0, at + SEPARATOR.length), last: path.slice(at + SEPARATOR.length) };
}
