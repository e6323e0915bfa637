// What the seeded people are like: departments, time zones, interests, words.

/** Departments and their share of an organisation, per 100,000 (the rest has none). */
export const DEPARTMENTS = [
  ['Engineering', 26000],
  ['Sales', 15000],
  ['Customer Support', 12000],
  ['Operations', 9000],
  ['Marketing', 7000],
  ['Product', 6000],
  ['Finance', 5000],
  ['People', 3500],
  ['IT', 3000],
  ['Legal', 2000],
  ['Facilities', 1500],
  ['Security', 1200],
  ['Data', 1000],
  ['Design', 900],
  ['Procurement', 600],
  ['Research', 400],
  ['Communications', 300],
  ['Executive Office', 150],
  ['Internal Audit', 80],
  ['Board Office', 30],
];

/** Time zones of the people and their share, per 100: mostly Europe, some Americas and Asia. */
export const TIMEZONES = [
  ['Europe/London', 30],
  ['Europe/Berlin', 25],
  ['America/New_York', 15],
  ['Asia/Kolkata', 10],
  ['America/Los_Angeles', 8],
  ['America/Sao_Paulo', 5],
  ['Asia/Tokyo', 4],
  ['Australia/Sydney', 3],
];

export const INTERESTS = [
  'running',
  'reading',
  'cooking',
  'hiking',
  'music',
  'movies',
  'gaming',
  'yoga',
  'travel',
  'photography',
  'board-games',
  'gardening',
  'cycling',
  'swimming',
  'painting',
  'writing',
  'podcasts',
  'football',
  'basketball',
  'tennis',
  'climbing',
  'meditation',
  'coffee',
  'baking',
  'languages',
  'history',
  'science',
  'chess',
  'dancing',
  'fishing',
  'knitting',
  'parenting',
  'pets',
  'volunteering',
  'theatre',
  'poetry',
  'skiing',
  'surfing',
  'crafts',
  'astronomy',
];
export const GOALS = [
  'stress',
  'sleep',
  'exercise',
  'mindfulness',
  'work-life-balance',
  'social-connection',
  'motivation',
  'anxiety',
];

export const LOREM =
  'Today started slowly. The morning meeting ran long and I felt the familiar tightness in my ' +
  'chest, but a walk at lunch helped. I noticed I was kinder to myself than last week. ' +
  'Tomorrow I want to protect an hour for focused work and call my sister in the evening. ';

export const SURVEY_QUESTIONS = [
  {
    id: 'workload',
    text: 'My workload is manageable.',
    type: 'likert',
    required: true,
    wellness: { direction: 'positive', weight: 2 },
  },
  {
    id: 'support',
    text: 'I feel supported by my manager.',
    type: 'likert',
    required: true,
    wellness: { direction: 'positive', weight: 1 },
  },
  {
    id: 'stress',
    text: 'I often feel stressed at work.',
    type: 'likert',
    required: true,
    wellness: { direction: 'negative', weight: 2 },
  },
  {
    id: 'sleep',
    text: 'How well have you slept this month?',
    type: 'scale',
    required: true,
    wellness: { direction: 'positive', weight: 1 },
  },
  {
    id: 'belonging',
    text: 'I feel I belong in my team.',
    type: 'likert',
    required: true,
    wellness: { direction: 'positive', weight: 1 },
  },
  {
    id: 'recommend',
    text: 'How likely are you to recommend working here?',
    type: 'scale',
    required: false,
  },
  {
    id: 'work-mode',
    text: 'Where do you mostly work?',
    type: 'single_choice',
    required: true,
    options: ['office', 'hybrid', 'remote'],
  },
  {
    id: 'comments',
    text: 'Anything else you want to tell us?',
    type: 'free_text',
    required: false,
    maxLength: 2000,
  },
];

export const COMMENTS = [
  'More flexibility on Fridays would help a lot.',
  'The new on-call rota is exhausting.',
  'I appreciate the mental health days.',
  'Meetings eat most of my week.',
  'My team is great, but priorities change too often.',
];
