import { useState } from 'react';
import { useT } from '../../i18n';
import { useCategories, useCategoryLabel } from './knowledge-data';

const SHOWN = 40;

/**
 * Several categories out of a tree of hundreds: type part of a name to narrow the list, tick
 * the ones that apply. The filter box gets the id and aria attributes from <Field>.
 */
export function CategoryPicker({
  value,
  onChange,
  max,
  ...inputProps
}: {
  value: number[];
  onChange: (ids: number[]) => void;
  max: number;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const t = useT();
  const categories = useCategories();
  const label = useCategoryLabel();
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState(false);
  const byId = new Map((categories ?? []).map((category) => [category.id, category]));
  const needle = filter.trim().toLowerCase();
  const matches = (categories ?? []).filter(
    (category) =>
      category.active &&
      !value.includes(category.id) &&
      (!needle ||
        category.path.join(' ').toLowerCase().includes(needle) ||
        (category.nameEn ?? '').toLowerCase().includes(needle)),
  );
  const toggle = (id: number) =>
    onChange(value.includes(id) ? value.filter((other) => other !== id) : [...value, id]);

  return (
    <div
      className="kb-categories"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      {value.length ? (
        <ul className="list-plain kb-tokens kb-chosen" aria-label={t('kb.categories.chosen')}>
          {value.map((id) => {
            const category = byId.get(id);
            const name = category ? label(category) : `#${id}`;
            return (
              <li key={id} className="kb-token">
                {name}
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('kb.tokens.remove', { token: name })}
                  onClick={() => toggle(id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <input
        {...inputProps}
        type="search"
        value={filter}
        placeholder={t('kb.categories.filter')}
        disabled={value.length >= max}
        onFocus={() => setOpen(true)}
        onChange={(event) => {
          setFilter(event.target.value);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
          if (event.key === 'Enter') {
            event.preventDefault();
            const first = matches[0];
            if (first) {
              toggle(first.id);
              setFilter('');
            }
          }
        }}
      />
      {open && value.length < max ? (
        <ul className="list-plain kb-category-options" aria-label={t('kb.categories.options')}>
          {matches.slice(0, SHOWN).map((category) => (
            <li key={category.id}>
              <button
                type="button"
                className="ghost"
                onClick={() => {
                  toggle(category.id);
                  setFilter('');
                }}
              >
                {label(category)}
              </button>
            </li>
          ))}
          {matches.length > SHOWN ? (
            <li className="muted kb-small">
              {t('kb.categories.more', { count: matches.length - SHOWN })}
            </li>
          ) : null}
          {categories && matches.length === 0 ? (
            <li className="muted kb-small">{t('list.empty')}</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
