/** A place to turn to now. */
export interface CrisisResource {
  name: string;
  contact: string;
  url?: string;
}

/**
 * Crisis lines by ISO country, with a fallback for everyone else. Shown to the person who
 * answered, and only to them: never logged, queued or sent anywhere.
 */
export const CRISIS_RESOURCES: Record<string, CrisisResource[]> = {
  default: [
    { name: 'Local emergency services', contact: '112 or 911' },
    {
      name: 'Find a helpline (international directory)',
      contact: 'findahelpline.com',
      url: 'https://findahelpline.com',
    },
  ],
  US: [
    {
      name: '988 Suicide & Crisis Lifeline',
      contact: 'Call or text 988',
      url: 'https://988lifeline.org',
    },
  ],
  CA: [
    { name: '9-8-8 Suicide Crisis Helpline', contact: 'Call or text 988', url: 'https://988.ca' },
  ],
  GB: [{ name: 'Samaritans', contact: '116 123', url: 'https://www.samaritans.org' }],
  IE: [{ name: 'Samaritans Ireland', contact: '116 123', url: 'https://www.samaritans.org' }],
  BR: [{ name: 'CVV: Centro de Valorização da Vida', contact: '188', url: 'https://cvv.org.br' }],
  PT: [
    {
      name: 'SNS 24 (aconselhamento psicológico)',
      contact: '808 24 24 24',
      url: 'https://www.sns24.gov.pt',
    },
  ],
  DE: [
    { name: 'TelefonSeelsorge', contact: '0800 111 0 111', url: 'https://www.telefonseelsorge.de' },
  ],
  AU: [{ name: 'Lifeline', contact: '13 11 14', url: 'https://www.lifeline.org.au' }],
};

/** The resources for `country` (ISO 3166-1 alpha-2), always ending with the general ones. */
export function crisisResourcesFor(country: unknown): CrisisResource[] {
  const local = typeof country === 'string' ? (CRISIS_RESOURCES[country.toUpperCase()] ?? []) : [];
  return [...local, ...CRISIS_RESOURCES.default];
}
