import { type MouseEvent, useState } from 'react';
import type { BulkItem } from './BulkBar';

/**
 * A selection of targets (id → version seen) kept across pages of a list, with shift-click ranges over the
 * rows of the page shown.
 */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlyMap<number, number>>(new Map());
  const [anchor, setAnchor] = useState<number | null>(null);
  const onCheck = (e: MouseEvent, rows: readonly BulkItem[], i: number) => {
    const row = rows[i];
    if (!row) return;
    const on = !selected.has(row.id);
    setSelected((prev) => {
      const next = new Map(prev);
      const [from, to] = e.shiftKey && anchor !== null ? [Math.min(anchor, i), Math.max(anchor, i)] : [i, i];
      for (let k = from; k <= to; k++) {
        const r = rows[k];
        if (!r) continue;
        if (on) next.set(r.id, r.version);
        else next.delete(r.id);
      }
      return next;
    });
    setAnchor(i);
  };
  return {
    selected,
    items: [...selected].map(([id, version]) => ({ id, version })),
    onCheck,
    set: (items: readonly BulkItem[]) => setSelected(new Map(items.map((i) => [i.id, i.version]))),
    clear: () => {
      setSelected(new Map());
      setAnchor(null);
    },
  };
}
