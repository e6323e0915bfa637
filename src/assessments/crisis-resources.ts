import { readFile } from 'node:fs/promises';
import { URL_MAX_LENGTH } from '../common/validation/text-limits.js';

/** The most lines a country (or the general list) may have. */
export const MAX_CRISIS_LINES_PER_LIST = 10;
/** The most lines a person is shown: their country's, then the general ones. */
export const MAX_CRISIS_LINES_SHOWN = 2 * MAX_CRISIS_LINES_PER_LIST;
/** The longest name or contact of a line. */
export const CRISIS_TEXT_MAX_LENGTH = 200;

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

  /**
   * Reads CRISIS_RESOURCES_FILE when set; a malformed file stops the start with its reason. Each
   * line keeps its name, contact and url only, within the lengths the API documents.
   */
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
          list.length <= MAX_CRISIS_LINES_PER_LIST &&
          list.every(isCrisisResource),
      );
    if (!valid) {
      throw new Error(
        `CRISIS_RESOURCES_FILE: expected { "XX": [{ "name", "contact", "url"? }] } in ${file}, ` +
          `at most ${MAX_CRISIS_LINES_PER_LIST} lines a country, names and contacts of at most ` +
          `${CRISIS_TEXT_MAX_LENGTH} characters, URLs of at most ${URL_MAX_LENGTH}`,
      );
    }
    const configured = Object.fromEntries(
      Object.entries(parsed as Record<string, CrisisResource[]>).map(([country, list]) => [
        country,
        list.map(({ name, contact, url }) => ({ name, contact, ...(url ? { url } : {}) })),
      ]),
    );
    return new CrisisDirectory({ ...CRISIS_RESOURCES, ...configured });
  }

  /** The lines for `country` (ISO 3166-1 alpha-2), always followed by the general ones. */
  for(country: unknown): CrisisResource[] {
    const local = typeof country === 'string' ? (this.byCountry[country.toUpperCase()] ?? []) : [];
    return [...local, ...this.byCountry.default];
  }
}

const isText = (value: unknown, max: number) =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

function isCrisisResource(entry: unknown): entry is CrisisResource {
  const { name, contact, url } = (entry ?? {}) as Record<string, unknown>;
  return (
    isText(name, CRISIS_TEXT_MAX_LENGTH) &&
    isText(contact, CRISIS_TEXT_MAX_LENGTH) &&
    (url === undefined || isText(url, URL_MAX_LENGTH))
  );
}
