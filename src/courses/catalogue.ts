import type { CreateCourseDto } from './dto/course.dto.js';

const media = (slug: string) => `https://cdn.mindfulme.app/courses/${slug}`;

/** The starter catalogue shipped with the service, under fixed ids (seeded idempotently). */
export const STARTER_CATALOGUE: Array<CreateCourseDto & { id: string }> = [
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000001',
    title: 'Sleep better in two weeks',
    description:
      'Stimulus control, a wind-down routine and a sleep diary: the core of CBT for insomnia, in short steps.',
    difficulty: 'beginner',
    topic: 'sleep',
    modules: [
      {
        id: 'why-sleep',
        title: 'Why sleep slips',
        kind: 'video',
        durationMinutes: 6,
        contentUrl: media('sleep/why.mp4'),
      },
      {
        id: 'wind-down',
        title: 'Building a wind-down routine',
        kind: 'article',
        durationMinutes: 8,
        contentUrl: media('sleep/wind-down'),
      },
      {
        id: 'sleep-diary',
        title: 'Keeping a sleep diary',
        kind: 'exercise',
        durationMinutes: 10,
        contentUrl: media('sleep/diary'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000002',
    title: 'Calm in five minutes: breathing for stress',
    description:
      'Paced breathing and the physiological sigh to bring stress down during a busy workday.',
    difficulty: 'beginner',
    topic: 'stress',
    modules: [
      {
        id: 'paced-breathing',
        title: 'Paced breathing',
        kind: 'audio',
        durationMinutes: 5,
        contentUrl: media('stress/paced.mp3'),
      },
      {
        id: 'physiological-sigh',
        title: 'The physiological sigh',
        kind: 'video',
        durationMinutes: 4,
        contentUrl: media('stress/sigh.mp4'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000003',
    title: 'Working with worry',
    description:
      'Worry time, postponement and noticing thinking traps: practical tools for anxiety.',
    difficulty: 'intermediate',
    topic: 'anxiety',
    modules: [
      {
        id: 'worry-cycle',
        title: 'The worry cycle',
        kind: 'video',
        durationMinutes: 7,
        contentUrl: media('anxiety/cycle.mp4'),
      },
      {
        id: 'worry-time',
        title: 'Scheduling worry time',
        kind: 'exercise',
        durationMinutes: 10,
        contentUrl: media('anxiety/worry-time'),
      },
      {
        id: 'thinking-traps',
        title: 'Thinking traps',
        kind: 'article',
        durationMinutes: 9,
        contentUrl: media('anxiety/traps'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000004',
    title: 'Small steps out of low mood',
    description:
      'Behavioural activation for depression and low mood: plan small, valued activities and track how they feel.',
    difficulty: 'beginner',
    topic: 'depression',
    modules: [
      {
        id: 'activity-and-mood',
        title: 'How activity lifts mood',
        kind: 'video',
        durationMinutes: 6,
        contentUrl: media('mood/activity.mp4'),
      },
      {
        id: 'values',
        title: 'Finding what matters to you',
        kind: 'exercise',
        durationMinutes: 12,
        contentUrl: media('mood/values'),
      },
      {
        id: 'plan-week',
        title: 'Planning your week',
        kind: 'exercise',
        durationMinutes: 10,
        contentUrl: media('mood/plan'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000005',
    title: 'Mindfulness foundations',
    description:
      'Eight short guided practices to build attention and kindness toward yourself; good for general wellbeing.',
    difficulty: 'beginner',
    topic: 'wellbeing',
    modules: [
      {
        id: 'body-scan',
        title: 'Body scan',
        kind: 'audio',
        durationMinutes: 10,
        contentUrl: media('mindfulness/body-scan.mp3'),
      },
      {
        id: 'mindful-walk',
        title: 'Mindful walking',
        kind: 'audio',
        durationMinutes: 8,
        contentUrl: media('mindfulness/walk.mp3'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000006',
    title: 'Boundaries at work',
    description:
      'Saying no, negotiating workload and protecting recovery time to prevent burnout and stress.',
    difficulty: 'intermediate',
    topic: 'stress',
    modules: [
      {
        id: 'burnout-signs',
        title: 'Early signs of burnout',
        kind: 'article',
        durationMinutes: 7,
        contentUrl: media('work/burnout'),
      },
      {
        id: 'saying-no',
        title: 'Saying no without guilt',
        kind: 'video',
        durationMinutes: 9,
        contentUrl: media('work/no.mp4'),
      },
      {
        id: 'recovery',
        title: 'Protecting recovery time',
        kind: 'exercise',
        durationMinutes: 10,
        contentUrl: media('work/recovery'),
      },
    ],
  },
  {
    id: '7b1d0c2e-5f3a-4e8b-9c41-000000000007',
    title: 'Advanced cognitive skills for anxiety',
    description:
      'Behavioural experiments and exposure planning, for people who already know the basics of managing anxiety.',
    difficulty: 'advanced',
    topic: 'anxiety',
    modules: [
      {
        id: 'experiments',
        title: 'Behavioural experiments',
        kind: 'exercise',
        durationMinutes: 15,
        contentUrl: media('anxiety/experiments'),
      },
      {
        id: 'exposure-ladder',
        title: 'Building an exposure ladder',
        kind: 'exercise',
        durationMinutes: 20,
        contentUrl: media('anxiety/ladder'),
      },
    ],
  },
];
