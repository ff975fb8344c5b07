/**
 * A contact's language as a BCP 47 tag (`en`, `ur`, `en-GB`), from what exports hold: a tag in any case, a
 * POSIX locale (`en_GB`, `en_GB.UTF-8`), or a language's name in English or in the language itself
 * ("English", "Urdu", "Cymraeg", "français", "اردو"). Names come from the platform's Intl data, not a list
 * kept here: every two-letter ISO 639-1 code the runtime can name.
 */
export function normaliseLanguage(raw: string): string | undefined {
  const key = raw.trim();
  // A file holds a handful of languages on a million rows, and Intl's canonicalisation is slow.
  if (canonicalLanguages.has(key)) return canonicalLanguages.get(key);
  const canonical = byName().get(foldName(key)) ?? asTag(key);
  if (canonicalLanguages.size >= 10_000) canonicalLanguages.clear();
  canonicalLanguages.set(key, canonical);
  return canonical;
}

const canonicalLanguages = new Map<string, string | undefined>();

/** A tag whose primary language the runtime knows; `english` is well-formed BCP 47, but no language's tag. */
function asTag(text: string): string | undefined {
  const locale = text.split('.')[0]?.replace(/_/g, '-') ?? '';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale)) return undefined;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
  const primary = canonical?.split('-')[0] ?? '';
  return englishNames.of(primary) === undefined ? undefined : canonical;
}

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** Names compare without case or accents: "Francais" is "français". */
const foldName = (name: string) =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ');

let names: Map<string, string> | undefined;
function byName(): Map<string, string> {
  if (names) return names;
  names = new Map();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const first of letters)
    for (const second of letters) {
      const code = `${first}${second}`;
      const english = englishNames.of(code);
      if (!english || english === code) continue;
      // Where two codes share a name, the first keeps it (the runtime names few twice).
      if (!names.has(foldName(english))) names.set(foldName(english), code);
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      if (own && !names.has(foldName(own))) names.set(foldName(own), code);
    }
  return names;
}
