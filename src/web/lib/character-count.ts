/**
 * The character counter under a limited text field: hidden while the text is well within
 * its limit, "287/300" once it nears it, and marked over (with how many to remove) past it.
 */

/** Share of the limit from which the counter shows: early enough to stop before the end. */
export const COUNTER_FROM_SHARE = 0.8;

export interface CharacterCount {
  /** Whether to show the counter at all. */
  visible: boolean;
  /** More characters than the limit: the form refuses to save. */
  over: boolean;
  /** Characters typed, as the server counts them (trimmed). */
  length: number;
  limit: number;
  /** Characters to remove to fit (0 when within the limit). */
  excess: number;
}

/** Counts like the shared contract: leading and trailing spaces are trimmed before the limit applies. */
export function characterCount(text: string | null | undefined, limit: number): CharacterCount {
  const length = (text ?? '').trim().length;
  const over = length > limit;
  return {
    visible: over || length >= Math.floor(limit * COUNTER_FROM_SHARE),
    over,
    length,
    limit,
    excess: over ? length - limit : 0,
  };
}
