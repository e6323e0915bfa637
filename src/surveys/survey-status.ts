export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * The only moves a survey makes: drafted, then open for answers, then closed for good; each
 * announced to the organisation's webhooks as `event`.
 */
export const TRANSITIONS = {
  open: { from: 'draft', to: 'open', event: 'survey.opened' },
  close: { from: 'open', to: 'closed', event: 'survey.closed' },
} as const satisfies Record<string, { from: SurveyStatus; to: SurveyStatus; event: string }>;
export type Transition = (typeof TRANSITIONS)[keyof typeof TRANSITIONS];

/** Why a survey in `current` cannot make `transition`, naming both ends. */
export function transitionRefusal(current: string, transition: Transition): string {
  const refused = `A survey cannot go from ${current} to ${transition.to}`;
  return current === transition.to
    ? `${refused}: it is already ${current}.`
    : `${refused}, only from ${transition.from}.`;
}

/** Why a survey in `current` cannot be edited. */
export function editRefusal(current: string): string {
  return `Only a draft survey can be edited; this one is ${current}, and its questions are fixed once it opens.`;
}
