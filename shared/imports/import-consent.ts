import type { Channel } from '../contacts/contact';
import type { CompiledMapping, WarningReason } from './import-record';

/**
 * A channel's consent as the record gives it: a yes in any of its opt-out columns is a refusal; else its
 * opt-in column's yes grants and no withholds; else the file's own status; else (with a time and nothing
 * else) consent given at that time, its latest time column's.
 */
export function consentOf(
  channel: Channel,
  cells: { word: string | undefined; optOuts: readonly string[]; times: readonly string[] },
  mapping: CompiledMapping,
): { status?: 'granted' | 'withheld' | 'refused'; at?: string; warning?: WarningReason } {
  let status: 'granted' | 'withheld' | 'refused' | undefined;
  let warning: WarningReason | undefined;
  for (const optOut of cells.optOuts) {
    const yes = consent(optOut, mapping);
    if (yes === undefined) warning = 'unknown_consent_word';
    else if (yes) status = 'refused';
  }
  if (status === undefined && cells.word !== undefined) {
    const yes = consent(cells.word, mapping);
    if (yes === undefined) warning = 'unknown_consent_word';
    else status = yes ? 'granted' : 'withheld';
  }
  const file = mapping.fileConsent[channel];
  if (status === undefined && file) status = file;
  const given = cells.times.filter((time) => time.trim() !== '');
  const valid = given.map(consentTime).filter((time): time is string => time !== undefined);
  // The latest: when the status a file holds was given (an unsubscribe comes after the sign-up it ends).
  const at = valid.sort().at(-1);
  if (given.length > 0 && at === undefined) warning ??= 'invalid_consent_time';
  if (status === undefined && at !== undefined) status = 'granted';
  return { ...(status && { status }), ...(at && status !== 'withheld' && { at }), ...(warning && { warning }) };
}

const CONSENT_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** A consent time as exports write it (Mailchimp: `2024-05-21 10:31:22`, in UTC), as ISO 8601; undefined if it is not one. */
export function consentTime(raw: string): string | undefined {
  const match = CONSENT_TIME.exec(raw.trim());
  if (!match) return undefined;
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00', zone] = match;
  const offset = !zone || zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}${offset}`);
  return Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 86_400_000 ? undefined : date.toISOString();
}

function consent(raw: string, mapping: CompiledMapping): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (mapping.yes.has(word)) return true;
  if (mapping.no.has(word)) return false;
  return undefined;
}
