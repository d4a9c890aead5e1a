import { Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** Below this width a table's rows become stacked cards (Mantine's `xs` breakpoint, 36em). */
export const STACK_TABLE_QUERY = '(max-width: 36em)';

/**
 * Gives every body cell the text of its column header as `data-label`, which the stacked layout
 * shows before the value. Headers are read from the table itself, so no table has to repeat them.
 */
function labelCells(root: HTMLElement): void {
  for (const table of root.querySelectorAll('table')) {
    // display:block drops the implicit table roles in some browsers: state them.
    if (!table.hasAttribute('role')) table.setAttribute('role', 'table');
    for (const row of table.rows) {
      if (!row.hasAttribute('role')) row.setAttribute('role', 'row');
      for (const cell of row.cells) {
        if (cell.hasAttribute('role')) continue;
        const header = cell.tagName === 'TH';
        const inHead = row.parentElement?.tagName === 'THEAD';
        cell.setAttribute('role', header ? (inHead ? 'columnheader' : 'rowheader') : 'cell');
      }
    }
    for (const group of [table.tHead, ...table.tBodies]) {
      if (group && !group.hasAttribute('role')) group.setAttribute('role', 'rowgroup');
    }
    const names: string[] = [];
    for (const th of table.tHead?.rows[0]?.cells ?? []) {
      for (let i = 0; i < th.colSpan; i++) names.push(th.textContent?.trim() ?? '');
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const name = names[column] ?? '';
          if (cell.getAttribute('data-label') !== name) cell.setAttribute('data-label', name);
          column += cell.colSpan;
        }
      }
    }
  }
}

/**
 * A list table that fits the screen. Wide screens: the table, scrolling sideways when it is wider
 * than its box (the scrolling region takes keyboard focus, WCAG 2.1.1). Phones: each row becomes a
 * card of "header: value" lines, so no column is cut off or hidden behind a sideways scroll.
 * `stack={false}` keeps the sideways scroll for grids whose columns must stay side by side.
 */
export function ScrollTable({
  minWidth,
  children,
  stack = true,
}: {
  minWidth: number;
  children: ReactNode;
  stack?: boolean;
}) {
  const phone = useMediaQuery(STACK_TABLE_QUERY, undefined, { getInitialValueInEffect: false }) ?? false;
  const stacked = stack && phone;
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!stacked || !root) return;
    labelCells(root);
    // Rows change with paging and filtering; header texts with the language.
    const observer = new MutationObserver(() => labelCells(root));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [stacked]);
  if (stacked) {
    return (
      <div ref={ref} className="simpul-stack-table" data-stacked="true">
        {children}
      </div>
    );
  }
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      {children}
    </Table.ScrollContainer>
  );
}
