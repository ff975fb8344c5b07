import { getCountries } from 'libphonenumber-js/max';

/**
 * A record's country as an ISO 3166-1 alpha-2 code, from what exports hold: the code in any case (`de`,
 * Mailchimp's `CC`, NationBuilder's `primary_country_code`), or the country's name in English or in the
 * languages the product's cities write (Outlook's "Home Country/Region": "Germany", "Deutschland",
 * "Irlande", "Yr Almaen"). Names come from the platform's Intl data, for every country phone numbers know.
 */
export function countryCodeOf(raw: string): string | undefined {
  const text = fold(raw);
  if (text === '') return undefined;
  const upper = text.toUpperCase();
  if (upper.length === 2 && known().has(upper)) return upper;
  return byName().get(text);
}

/** Languages whose country names are recognised, besides English. */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt', 'pl', 'cy', 'ga', 'gd', 'da', 'sv'];
/** Names people write that Intl does not give (the UK's nations, the usual short forms). */
const ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  cymru: 'GB',
  usa: 'US',
  'united states of america': 'US',
  'republic of ireland': 'IE',
  eire: 'IE',
  éire: 'IE',
  holland: 'NL',
};

let codes: Set<string> | undefined;
const known = () => {
  codes ??= new Set(getCountries());
  return codes;
};

let names: Map<string, string> | undefined;
function byName(): Map<string, string> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES).map(([name, code]) => [fold(name), code]));
  for (const language of NAME_LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region' });
    for (const code of known()) {
      const name = display.of(code);
      if (name && name !== code && !names.has(fold(name))) names.set(fold(name), code);
    }
  }
  return names;
}

const fold = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
