/** The locales Spine Nidra ships in, and the country each one is distributed to. */

export const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const;

export type Locale = (typeof LOCALES)[number];

/** ISO 3166 country code per locale, for publishingInformation.distributionCountries. */
export const LOCALE_COUNTRY: Readonly<Record<Locale, string>> = {
  'en-US': 'US',
  'en-GB': 'GB',
  'en-CA': 'CA',
  'en-AU': 'AU',
  'en-IN': 'IN',
};

/** Locales whose speech recognition writes British spellings ("visualisation"). */
const BRITISH_SPELLING: ReadonlySet<Locale> = new Set<Locale>(['en-GB', 'en-AU', 'en-IN']);

const SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/visualiz/g, 'visualis'],
  [/Visualiz/g, 'Visualis'],
  [/center/g, 'centre'],
  [/color/g, 'colour'],
];

/** The text as that locale spells it (only -ize/-ise style differences; no other rewording). */
export function localeSpelling(locale: Locale, text: string): string {
  if (!BRITISH_SPELLING.has(locale)) return text;
  return SPELLINGS.reduce((result, [american, british]) => result.replace(american, british), text);
}
