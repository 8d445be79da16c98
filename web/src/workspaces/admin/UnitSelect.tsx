import { useI18n } from '../../i18n';
import { localName } from './admin-api';
import { indent, type Tree } from './reference';
import type { UnitNode } from './types';

/** A unit picked from the organisation tree (indented); deactivated units only as the current value. */
export function UnitSelect({
  tree,
  value,
  onChange,
  emptyLabel,
  ...rest
}: {
  tree: Tree<UnitNode>;
  value: string;
  onChange: (value: string) => void;
  emptyLabel: string;
  name?: string;
  id?: string;
}) {
  const { locale } = useI18n();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} {...rest}>
      <option value="">{emptyLabel}</option>
      {tree.flat
        .filter(({ node }) => node.active || String(node.id) === value)
        .map(({ node, depth }) => (
          <option key={node.id} value={node.id}>
            {indent(depth, localName(node, locale))}
          </option>
        ))}
    </select>
  );
}
