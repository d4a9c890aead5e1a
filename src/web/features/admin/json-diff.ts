/**
 * Before/after of an audit entry as rows a person can read: every leaf value under a dotted
 * path (`contacts`, `coverageAreas`, `after.count`), marked added, removed, changed or same.
 * Lists are compared whole: their order rarely matters to a reader, their content does.
 */
export type DiffKind = 'added' | 'removed' | 'changed' | 'same';
export type DiffRow = { path: string; before: unknown; after: unknown; kind: DiffKind };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf values by dotted path; a non-object value is one leaf at the root path ''. */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rows in path order; `null`/absent before and after are the "nothing" of a create or a delete. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const left = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const right = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.map((path) => {
    const inLeft = left.has(path);
    const inRight = right.has(path);
    const b = left.get(path);
    const a = right.get(path);
    const kind: DiffKind = !inLeft ? 'added' : !inRight ? 'removed' : same(b, a) ? 'same' : 'changed';
    return { path, before: b, after: a, kind };
  });
}

/** A leaf value as short text: strings as they are, everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
