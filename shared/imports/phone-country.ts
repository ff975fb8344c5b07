import { type CountryCode, getCountries, parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** How many of a column's national numbers one country reads as valid (as mobiles, for a mobile column). */
export interface CountryFit {
  country: string;
  valid: number;
  of: number;
}

export interface PhoneCountryProposal {
  /** The default country the numbers fit best (the deployment's when it fits as well as any). */
  proposed: string;
  /** The deployment's default and the best others, best first. */
  fits: CountryFit[];
  /** Said when the numbers fit no country well, or the deployment's badly: a person should look. */
  warning?: string;
}

/** National numbers looked at: enough to tell countries apart, few enough to try every country on. */
const SAMPLE_NUMBERS = 40;
/** Fewer national numbers than this never propose another country than the deployment's. */
const FEWEST_TO_CHANGE_COUNTRY = 3;
/** The deployment's default is kept without looking further when this share of numbers fits it. */
const GOOD_FIT = 0.9;

/**
 * In which country a column's national numbers (those without +44 or 0044) are valid: the deployment's
 * default when nearly all are, else whichever country reads the most of them (as mobiles, for a mobile
 * column), so that a German sheet of 0163 … mobiles is read as German rather than as British landlines.
 */
export function proposePhoneCountry(
  values: readonly string[],
  defaultCountry: string,
  mobile: boolean,
): PhoneCountryProposal | undefined {
  const national = values
    .map((value) => value.trim())
    .filter((value) => value !== '' && !/^(\+|00)/.test(value) && /\d{5}/.test(value.replace(/\D/g, '')))
    .slice(0, SAMPLE_NUMBERS);
  if (national.length === 0) return undefined;
  const fitIn = (country: string): CountryFit => ({
    country,
    of: national.length,
    valid: national.filter((value) => fits(value, country, mobile)).length,
  });
  const home = fitIn(defaultCountry);
  if (home.valid >= GOOD_FIT * national.length) return { proposed: defaultCountry, fits: [home] };
  // A number or two are no evidence against the deployment's own country: some country reads almost anything.
  if (national.length < FEWEST_TO_CHANGE_COUNTRY)
    return {
      proposed: defaultCountry,
      fits: [home],
      warning: `${national.length - home.valid} of ${national.length} ${mobile ? 'mobile numbers' : 'numbers'} are not valid in ${defaultCountry}: check the phone column and the default country.`,
    };
  const others = getCountries()
    .filter((country) => country !== defaultCountry)
    .map(fitIn)
    .filter((fit) => fit.valid > 0)
    .sort((a, b) => b.valid - a.valid || a.country.localeCompare(b.country));
  const best = others[0] && others[0].valid > home.valid ? others[0] : home;
  const fitsShown = [home, ...others.slice(0, 3)].sort((a, b) => b.valid - a.valid);
  const kind = mobile ? 'mobile numbers' : 'numbers';
  const warning =
    best.valid * 2 < national.length
      ? `Only ${best.valid} of ${national.length} ${kind} are valid in any one country (${best.country} reads the most): check the phone column and the default country.`
      : best.country !== defaultCountry
        ? `${best.valid} of ${national.length} ${kind} are valid in ${best.country}, ${home.valid} in ${defaultCountry}: the default country proposed is ${best.country}.`
        : undefined;
  return { proposed: best.country, fits: fitsShown, ...(warning && { warning }) };
}

function fits(value: string, country: string, mobile: boolean): boolean {
  try {
    const phone = parsePhoneNumberWithError(value, country as CountryCode);
    if (!phone.isValid()) return false;
    if (!mobile) return true;
    const type = phone.getType();
    return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
  } catch {
    return false;
  }
}
