/** Why a post is reported; the database holds the same list in a CHECK constraint. */
export const RANT_REPORT_REASONS = [
  'harassment',
  'hate',
  'self_harm',
  'personal_information',
  'spam',
  'other',
] as const;
export type RantReportReason = (typeof RANT_REPORT_REASONS)[number];
