import type { AnswerOption, AssessmentDefinition } from './assessment-definition.js';

/** A standard instrument as shipped: fixed id, so seeding is idempotent. */
export interface Instrument {
  id: string;
  assessmentType: 'phq9' | 'gad7' | 'who5' | 'pss10';
  title: string;
  definition: AssessmentDefinition;
}

const FREQUENCY_2_WEEKS: AnswerOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const items = (
  prefix: string,
  texts: string[],
  options: AnswerOption[],
  extra: Record<number, object> = {},
) =>
  texts.map((text, index) => ({
    id: `${prefix}${index + 1}`,
    text,
    options,
    ...(extra[index + 1] ?? {}),
  }));

/** PHQ-9 (Kroenke, Spitzer & Williams, 2001): nine items 0-3, total 0-27. */
export const PHQ9: Instrument = {
  id: '6a0c3d1e-0a9f-4c57-9a43-000000000001',
  assessmentType: 'phq9',
  title: 'PHQ-9: depression over the last two weeks',
  definition: {
    questions: items(
      'q',
      [
        'Little interest or pleasure in doing things',
        'Feeling down, depressed, or hopeless',
        'Trouble falling or staying asleep, or sleeping too much',
        'Feeling tired or having little energy',
        'Poor appetite or overeating',
        'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
        'Trouble concentrating on things, such as reading the newspaper or watching television',
        'Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual',
        'Thoughts that you would be better off dead, or of hurting yourself in some way',
      ],
      FREQUENCY_2_WEEKS,
      // Any answer above "Not at all" on item 9 calls for crisis resources.
      { 9: { crisisAbove: 0 } },
    ),
    scoring: {
      topic: 'depression',
      bands: [
        { min: 0, max: 4, label: 'minimal', level: 'none' },
        { min: 5, max: 9, label: 'mild', level: 'mild' },
        { min: 10, max: 14, label: 'moderate', level: 'moderate' },
        { min: 15, max: 19, label: 'moderately severe', level: 'severe' },
        { min: 20, max: 27, label: 'severe', level: 'severe', crisis: true },
      ],
    },
  },
};

/** GAD-7 (Spitzer et al., 2006): seven items 0-3, total 0-21. */
export const GAD7: Instrument = {
  id: '6a0c3d1e-0a9f-4c57-9a43-000000000002',
  assessmentType: 'gad7',
  title: 'GAD-7: anxiety over the last two weeks',
  definition: {
    questions: items(
      'q',
      [
        'Feeling nervous, anxious, or on edge',
        'Not being able to stop or control worrying',
        'Worrying too much about different things',
        'Trouble relaxing',
        'Being so restless that it is hard to sit still',
        'Becoming easily annoyed or irritable',
        'Feeling afraid, as if something awful might happen',
      ],
      FREQUENCY_2_WEEKS,
    ),
    scoring: {
      topic: 'anxiety',
      bands: [
        { min: 0, max: 4, label: 'minimal', level: 'none' },
        { min: 5, max: 9, label: 'mild', level: 'mild' },
        { min: 10, max: 14, label: 'moderate', level: 'moderate' },
        { min: 15, max: 21, label: 'severe', level: 'severe', crisis: true },
      ],
    },
  },
};

/**
 * WHO-5 Well-Being Index: five items 0-5, raw 0-25 times 4 = 0-100. As its scoring guide says:
 * 50 or less (raw below 13) is poor wellbeing, and 28 or less (raw 7 or less) likely depression,
 * which calls for a clinical assessment (a therapist is recommended; it is not a crisis band).
 */
export const WHO5: Instrument = {
  id: '6a0c3d1e-0a9f-4c57-9a43-000000000003',
  assessmentType: 'who5',
  title: 'WHO-5: wellbeing over the last two weeks',
  definition: {
    questions: items(
      'q',
      [
        'I have felt cheerful and in good spirits',
        'I have felt calm and relaxed',
        'I have felt active and vigorous',
        'I woke up feeling fresh and rested',
        'My daily life has been filled with things that interest me',
      ],
      [
        { value: 5, label: 'All of the time' },
        { value: 4, label: 'Most of the time' },
        { value: 3, label: 'More than half of the time' },
        { value: 2, label: 'Less than half of the time' },
        { value: 1, label: 'Some of the time' },
        { value: 0, label: 'At no time' },
      ],
    ),
    scoring: {
      topic: 'wellbeing',
      multiplier: 4,
      bands: [
        { min: 0, max: 28, label: 'likely depression', level: 'severe' },
        { min: 29, max: 50, label: 'poor wellbeing', level: 'moderate' },
        { min: 51, max: 100, label: 'adequate wellbeing', level: 'none' },
      ],
    },
  },
};

const FREQUENCY_MONTH: AnswerOption[] = [
  { value: 0, label: 'Never' },
  { value: 1, label: 'Almost never' },
  { value: 2, label: 'Sometimes' },
  { value: 3, label: 'Fairly often' },
  { value: 4, label: 'Very often' },
];

/** PSS-10 (Cohen, 1983): ten items 0-4, items 4, 5, 7 and 8 reverse-scored, total 0-40. */
export const PSS10: Instrument = {
  id: '6a0c3d1e-0a9f-4c57-9a43-000000000004',
  assessmentType: 'pss10',
  title: 'PSS-10: perceived stress over the last month',
  definition: {
    questions: items(
      'q',
      [
        'How often have you been upset because of something that happened unexpectedly?',
        'How often have you felt that you were unable to control the important things in your life?',
        'How often have you felt nervous and stressed?',
        'How often have you felt confident about your ability to handle your personal problems?',
        'How often have you felt that things were going your way?',
        'How often have you found that you could not cope with all the things that you had to do?',
        'How often have you been able to control irritations in your life?',
        'How often have you felt that you were on top of things?',
        'How often have you been angered because of things that happened that were outside of your control?',
        'How often have you felt difficulties were piling up so high that you could not overcome them?',
      ],
      FREQUENCY_MONTH,
      { 4: { reverse: true }, 5: { reverse: true }, 7: { reverse: true }, 8: { reverse: true } },
    ),
    scoring: {
      topic: 'stress',
      bands: [
        { min: 0, max: 13, label: 'low stress', level: 'none' },
        { min: 14, max: 26, label: 'moderate stress', level: 'moderate' },
        { min: 27, max: 40, label: 'high perceived stress', level: 'severe' },
      ],
    },
  },
};

export const INSTRUMENTS = [PHQ9, GAD7, WHO5, PSS10];
