/**
 * The words of the citizen page itself (not the survey's, which staff write in each language). English is the
 * fallback for languages not listed here.
 */
const TEXT = {
  en: {
    required: 'required',
    optional: 'optional',
    submit: 'Send my answers',
    update: 'Save my changes',
    problem: 'There is a problem',
    errorTitle: 'Error',
    thanks: 'Thank you: your answers are saved.',
    editUntil: 'You can change them through this link until the survey closes.',
    closes: 'Closes',
    opens: 'This survey opens on',
    onlyIf: 'Answer only if your answer to “{question}” {operator} “{value}”.',
    equals: 'is',
    notEquals: 'is not',
    contains: 'includes',
    yes: 'Yes',
    no: 'No',
    rankHint: 'Give each option a different number, 1 for your first choice.',
    position: 'Position',
    choose: 'Choose…',
    anonymous: 'Your answers are anonymous: they are not linked to your name or contact details.',
    language: 'Language',
    picks: 'Choose between {min} and {max}.',
    characters: 'Up to {max} characters.',
    range: 'From {min} to {max}.',
    dateFormat: 'For example 2026-03-31.',
  },
  cy: {
    required: 'gofynnol',
    optional: 'dewisol',
    submit: 'Anfon fy atebion',
    update: 'Cadw fy newidiadau',
    problem: 'Mae problem',
    errorTitle: 'Gwall',
    thanks: 'Diolch: mae eich atebion wedi’u cadw.',
    editUntil: 'Gallwch eu newid drwy’r ddolen hon nes i’r arolwg gau.',
    closes: 'Yn cau',
    opens: 'Mae’r arolwg hwn yn agor ar',
    onlyIf: 'Atebwch dim ond os yw eich ateb i “{question}” {operator} “{value}”.',
    equals: 'yn',
    notEquals: 'ddim yn',
    contains: 'yn cynnwys',
    yes: 'Ydw',
    no: 'Nac ydw',
    rankHint: 'Rhowch rif gwahanol i bob opsiwn, 1 ar gyfer eich dewis cyntaf.',
    position: 'Safle',
    choose: 'Dewiswch…',
    anonymous: 'Mae eich atebion yn ddienw: nid ydynt wedi’u cysylltu â’ch enw na’ch manylion.',
    language: 'Iaith',
    picks: 'Dewiswch rhwng {min} a {max}.',
    characters: 'Hyd at {max} nod.',
    range: 'O {min} i {max}.',
    dateFormat: 'Er enghraifft 2026-03-31.',
  },
  fr: {
    required: 'obligatoire',
    optional: 'facultatif',
    submit: 'Envoyer mes réponses',
    update: 'Enregistrer mes modifications',
    problem: 'Il y a un problème',
    errorTitle: 'Erreur',
    thanks: 'Merci : vos réponses sont enregistrées.',
    editUntil: 'Vous pouvez les modifier avec ce lien jusqu’à la clôture.',
    closes: 'Clôture',
    opens: 'Cette consultation ouvre le',
    onlyIf: 'Répondez seulement si votre réponse à « {question} » {operator} « {value} ».',
    equals: 'est',
    notEquals: 'n’est pas',
    contains: 'contient',
    yes: 'Oui',
    no: 'Non',
    rankHint: 'Donnez un numéro différent à chaque option, 1 pour votre premier choix.',
    position: 'Rang',
    choose: 'Choisir…',
    anonymous: 'Vos réponses sont anonymes : elles ne sont pas liées à votre nom ni à vos coordonnées.',
    language: 'Langue',
    picks: 'Choisissez entre {min} et {max}.',
    characters: 'Jusqu’à {max} caractères.',
    range: 'De {min} à {max}.',
    dateFormat: 'Par exemple 2026-03-31.',
  },
} as const;

export type PageText = Record<keyof (typeof TEXT)['en'], string>;

export function pageText(language: string): PageText {
  const base = language.toLowerCase().split('-')[0] as keyof typeof TEXT;
  return TEXT[base] ?? TEXT.en;
}

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string | number | undefined>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
