import { readFile } from 'node:fs/promises';

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

/** The crisis lines in force: the shipped ones, with any configured country replacing its own. */
export class CrisisDirectory {
  constructor(private readonly byCountry: Record<string, CrisisResource[]> = CRISIS_RESOURCES) {}

  /** Reads CRISIS_RESOURCES_FILE when set; a malformed file stops the start with its reason. */
  static async load(file: string | undefined): Promise<CrisisDirectory> {
    if (!file) return new CrisisDirectory();
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const valid =
      typeof parsed === 'object' &&
      parsed !== null &&
      Object.entries(parsed).every(
        ([country, list]) =>
          (/^[A-Z]{2}$/.test(country) || country === 'default') &&
          Array.isArray(list) &&
          list.every(
            (entry) => typeof entry?.name === 'string' && typeof entry?.contact === 'string',
          ),
      );
    if (!valid) {
      throw new Error(
        `CRISIS_RESOURCES_FILE: expected { "XX": [{ "name", "contact" }] } in ${file}`,
      );
    }
    return new CrisisDirectory({
      ...CRISIS_RESOURCES,
      ...(parsed as Record<string, CrisisResource[]>),
    });
  }

  /** The lines for `country` (ISO 3166-1 alpha-2), always followed by the general ones. */
  for(country: unknown): CrisisResource[] {
    const local = typeof country === 'string' ? (this.byCountry[country.toUpperCase()] ?? []) : [];
    return [...local, ...this.byCountry.default];
  }
}
