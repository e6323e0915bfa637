/**
 * The one schema of an assessment's `questions` JSON, for the standard instruments and custom
 * assessments alike:
 * - `questions`: each with an `id`, its `text`, the answer `options` (value = points, label),
 *   an optional `category` (category scores sum by it), `reverse: true` to score it
 *   (max + min - value), and `crisisAbove` (an answer above it calls for crisis resources);
 * - `scoring`: `multiplier` applied to the sum (WHO-5: 4), the `bands` covering every possible
 *   total (inclusive bounds; `crisis: true` on a band calls for crisis resources), and the
 *   `topic` recommendations are matched by.
 */
export interface AnswerOption {
  value: number;
  label: string;
}

export interface AssessmentQuestion {
  id: string;
  text: string;
  options: AnswerOption[];
  category?: string;
  reverse?: boolean;
  crisisAbove?: number;
}

export interface ScoreBand {
  min: number;
  max: number;
  label: string;
  /** How much concern the band means, from none to severe: drives recommendations. */
  level: 'none' | 'mild' | 'moderate' | 'severe';
  crisis?: boolean;
}

export interface AssessmentDefinition {
  questions: AssessmentQuestion[];
  scoring: { multiplier?: number; bands: ScoreBand[]; topic: string };
}
