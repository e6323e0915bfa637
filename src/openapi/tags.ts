/**
 * The document's top-level tags, in the order a reader meets them: what a person does for
 * themselves, then what an organisation runs, then what HR systems and platform admins use.
 * Every tag a controller uses is here, and nothing else (tags.spec.ts checks both ways).
 */
export const API_TAGS: Array<{ name: string; description: string }> = [
  {
    name: 'auth',
    description:
      'Signing up, signing in with a password or through an organisation’s SSO, and refreshing or ending a session.',
  },
  {
    name: 'me',
    description:
      'The signed-in person’s own account: profile, password, sessions, data export and erasure.',
  },
  {
    name: 'mood',
    description:
      'A person’s mood log and its statistics; their organisations see it only inside aggregates over groups of at least their minimum size.',
  },
  {
    name: 'journals',
    description: 'A person’s journal, stored encrypted and answered to no one but its author.',
  },
  {
    name: 'assessments',
    description:
      'Standard questionnaires (PHQ-9, GAD-7, WHO-5, PSS-10) and custom ones, scored for the person who answers.',
  },
  {
    name: 'courses',
    description: 'The course catalogue, enrolment, and each person’s progress through modules.',
  },
  {
    name: 'rants',
    description:
      'Anonymous posts: the author signs in to post, but nothing stored links a post to them.',
  },
  {
    name: 'buddies',
    description:
      'Opt-in peer support: a buddy profile, suggested buddies, requests, matches and blocks.',
  },
  {
    name: 'therapists',
    description: 'The therapist directory and each therapist’s free slots.',
  },
  {
    name: 'appointments',
    description:
      'Booking sessions with therapists, and the practice confirming and recording them.',
  },
  {
    name: 'orgs',
    description:
      'Organisations and their membership: settings, members, invitations, verified email domains and SSO identity providers.',
  },
  {
    name: 'org wellness',
    description:
      'An organisation’s wellness score, its trend and participation: aggregates only, with groups below its minimum size withheld.',
  },
  {
    name: 'surveys',
    description:
      'Wellbeing surveys an organisation runs: answered anonymously by its members, results shown only in aggregate.',
  },
  {
    name: 'HR integration',
    description:
      'For HR systems: API clients, their client-credentials tokens, and every operation an HR system calls (each names the scope it needs).',
  },
  {
    name: 'SCIM',
    description:
      'SCIM 2.0 provisioning of an organisation’s members (RFC 7643, 7644) for identity providers and HR systems.',
  },
  {
    name: 'webhooks',
    description:
      'Signed notifications of an organisation’s survey and wellness events, POSTed to the URLs it subscribes.',
  },
  {
    name: 'admin',
    description: 'Platform administration: people’s roles and moderation of reported posts.',
  },
];
