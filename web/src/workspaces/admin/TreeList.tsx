import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';

interface TreeNode<N> {
  id: number;
  children: N[];
}

/**
 * A tree of disclosure rows: ▸ opens a node, the name selects it. With a filter, only matching
 * nodes and their ancestors show, all open.
 */
export function TreeList<N extends TreeNode<N>>({
  roots,
  label,
  selectedId,
  onSelect,
  render,
  nameOf,
  matches,
  initiallyOpen = 1,
}: {
  roots: N[];
  label: string;
  selectedId: number | null;
  onSelect: (node: N) => void;
  render: (node: N) => ReactNode;
  nameOf: (node: N) => string;
  /** Undefined: no filter. */
  matches?: ((node: N) => boolean) | undefined;
  /** How many levels start open. */
  initiallyOpen?: number;
}) {
  const t = useT();
  const [toggled, setToggled] = useState<Map<number, boolean>>(new Map());
  // The chosen node is always in view: its ancestors open (after an add, say, under a closed node).
  useEffect(() => {
    if (selectedId === null) return;
    const path: number[] = [];
    const find = (nodes: N[]): boolean =>
      nodes.some((node) => {
        if (node.id === selectedId) return true;
        path.push(node.id);
        if (find(node.children)) return true;
        path.pop();
        return false;
      });
    if (!find(roots)) return;
    setToggled((current) =>
      path.every((id) => current.get(id) === true)
        ? current
        : new Map([...current, ...path.map((id) => [id, true] as const)]),
    );
  }, [selectedId, roots]);
  const visible = (node: N): boolean =>
    !matches || matches(node) || node.children.some((child) => visible(child));

  const renderLevel = (nodes: N[], depth: number): ReactNode => (
    <ul className={depth === 0 ? 'adm-tree' : 'adm-tree-children'}>
      {nodes.filter(visible).map((node) => {
        const hasChildren = node.children.some(visible);
        const open = matches ? true : (toggled.get(node.id) ?? depth < initiallyOpen);
        const selected = node.id === selectedId;
        return (
          <li key={node.id}>
            <div className={`adm-tree-row${selected ? ' adm-tree-on' : ''}`}>
              {hasChildren ? (
                <button
                  type="button"
                  className="ghost adm-toggle"
                  aria-expanded={open}
                  aria-label={t(open ? 'adm.tree.collapse' : 'adm.tree.expand', {
                    name: nameOf(node),
                  })}
                  onClick={() => setToggled(new Map(toggled).set(node.id, !open))}
                >
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span className="adm-toggle-space" aria-hidden="true" />
              )}
              <button
                type="button"
                className="adm-tree-item"
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(node)}
              >
                {render(node)}
              </button>
            </div>
            {hasChildren && open ? renderLevel(node.children, depth + 1) : null}
          </li>
        );
      })}
    </ul>
  );
  return (
    <div role="group" aria-label={label} className="adm-tree-wrap">
      {renderLevel(roots, 0)}
    </div>
  );
}
