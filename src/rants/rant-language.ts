import Sentiment from 'sentiment';

const analyzer = new Sentiment();

/**
 * Sentiment of a post in -1..1: the AFINN-165 comparative score of the `sentiment` library
 * (mean word valence, -5..5 per word) divided by 5 and clamped.
 */
export function sentimentScore(text: string): number {
  const { comparative } = analyzer.analyze(text);
  return Math.max(-1, Math.min(1, comparative / 5));
}

/**
 * Phrases that call for crisis resources to be shown to the author. Deliberately broad: a false
 * alarm costs a kind message, a miss costs much more.
 */
const CRISIS_PATTERNS = [
  /\b(kill|hurt|harm|cut)(ing)? my ?self\b/i,
  /\bsuicid(e|al)\b/i,
  /\b(end|take) (my|my own) life\b/i,
  /\bwant(ed)? to die\b/i,
  /\bbetter off dead\b/i,
  /\bno reason to live\b/i,
  /\bself[- ]?harm/i,
];

export function mentionsCrisis(text: string): boolean {
  return CRISIS_PATTERNS.some((pattern) => pattern.test(text));
}
