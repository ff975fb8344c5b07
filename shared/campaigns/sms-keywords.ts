/**
 * The replies that end a person's SMS: the keywords carriers and AWS End User Messaging treat as an opt-out
 * (docs.aws.amazon.com/sms-voice/latest/userguide/keywords-required.html), and HELP, which the number answers
 * by itself and which changes nothing here.
 */
export const OPT_OUT_KEYWORDS = [
  'ARRET',
  'CANCEL',
  'END',
  'OPT-OUT',
  'OPTOUT',
  'QUIT',
  'REMOVE',
  'STOP',
  'STOPALL',
  'TD',
  'UNSUBSCRIBE',
] as const;

/** Whether a reply's first word (any case) is an opt-out keyword. */
export const isOptOutKeyword = (keyword: string) =>
  (OPT_OUT_KEYWORDS as readonly string[]).includes(keyword.trim().toUpperCase());
