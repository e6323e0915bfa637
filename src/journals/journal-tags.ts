export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;

/**
 * A tag as stored and matched: Unicode NFKC, trimmed, lower case, inner whitespace as one dash.
 * "  Work Stress " and "work-stress" are the same tag.
 */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
}

/** Normalised, empty ones dropped, duplicates removed, first occurrence order kept. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((tag) => tag.length > 0))];
}
