/**
 * The words of the citizen page itself (not the survey's, which staff write in each language). English is the
 * fallback for languages not listed here.
 */
const TEXT = {
  en: {
    status404: 'Survey not found|There is no survey at this link. Check that the whole link was copied.',
    status410:
      'This survey has closed|This survey has closed, or this link was withdrawn. Thank you for your interest.',
    status403: 'Not open yet|This survey is not open yet. Please come back when it opens.',
    status409: 'Please try again|Many answers arrived at once. Please send yours again.',
    status413: 'Too much text|Your answers are too long to send. Please shorten them.',
    otherSite:
      'Please use the survey’s page|Answers can only be sent from the survey’s own page. Open your link again and send them from there.',
    deviceNeeded:
      'Cookies needed|This survey takes one answer per device and knows this device by a cookie. Allow cookies for this site, then open the link again.',
    required: 'required',
    optional: 'optional',
    submit: 'Send my answers',
    update: 'Save my changes',
    problem: 'There is a problem',
    errorTitle: 'Error',
    thanks: 'Thank you: your answers are saved.',
    editUntil: 'You can change them through this link until the survey closes.',
    answeredAnonymous:
      'Thank you: your answers have been received. The survey is anonymous, so they are kept apart from this link and cannot be shown or changed.',
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
    status404: 'Heb ddod o hyd i’r arolwg|Nid oes arolwg ar y ddolen hon. Gwiriwch fod y ddolen gyfan wedi’i chopïo.',
    status410:
      'Mae’r arolwg hwn wedi cau|Mae’r arolwg hwn wedi cau, neu mae’r ddolen wedi’i thynnu’n ôl. Diolch am eich diddordeb.',
    status403: 'Heb agor eto|Nid yw’r arolwg hwn ar agor eto. Dewch yn ôl pan fydd yn agor.',
    status409: 'Rhowch gynnig arall arni|Cyrhaeddodd llawer o atebion ar unwaith. Anfonwch eich un chi eto.',
    status413: 'Gormod o destun|Mae eich atebion yn rhy hir i’w hanfon. Byrhewch nhw.',
    otherSite:
      'Defnyddiwch dudalen yr arolwg|Dim ond o dudalen yr arolwg ei hun y gellir anfon atebion. Agorwch eich dolen eto ac anfonwch nhw oddi yno.',
    deviceNeeded:
      'Angen cwcis|Mae’r arolwg hwn yn derbyn un ateb i bob dyfais ac yn adnabod y ddyfais hon drwy gwci. Caniatewch gwcis ar gyfer y wefan hon, yna agorwch y ddolen eto.',
    required: 'gofynnol',
    optional: 'dewisol',
    submit: 'Anfon fy atebion',
    update: 'Cadw fy newidiadau',
    problem: 'Mae problem',
    errorTitle: 'Gwall',
    thanks: 'Diolch: mae eich atebion wedi’u cadw.',
    editUntil: 'Gallwch eu newid drwy’r ddolen hon nes i’r arolwg gau.',
    answeredAnonymous:
      'Diolch: rydym wedi derbyn eich atebion. Mae’r arolwg yn ddienw, felly maen nhw’n cael eu cadw ar wahân i’r ddolen hon ac ni ellir eu dangos na’u newid.',
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
    status404: 'Consultation introuvable|Aucune consultation à ce lien. Vérifiez que le lien a été copié en entier.',
    status410:
      'Cette consultation est close|Cette consultation est close, ou ce lien a été retiré. Merci de votre intérêt.',
    status403: 'Pas encore ouverte|Cette consultation n’est pas encore ouverte. Revenez à son ouverture.',
    status409: 'Veuillez réessayer|Beaucoup de réponses sont arrivées en même temps. Envoyez la vôtre à nouveau.',
    status413: 'Texte trop long|Vos réponses sont trop longues pour être envoyées. Raccourcissez-les.',
    otherSite:
      'Utilisez la page de la consultation|Les réponses ne peuvent être envoyées que depuis la page de la consultation. Rouvrez votre lien et envoyez-les depuis cette page.',
    deviceNeeded:
      'Cookies nécessaires|Cette consultation accepte une réponse par appareil et reconnaît cet appareil grâce à un cookie. Autorisez les cookies pour ce site, puis rouvrez le lien.',
    required: 'obligatoire',
    optional: 'facultatif',
    submit: 'Envoyer mes réponses',
    update: 'Enregistrer mes modifications',
    problem: 'Il y a un problème',
    errorTitle: 'Erreur',
    thanks: 'Merci : vos réponses sont enregistrées.',
    editUntil: 'Vous pouvez les modifier avec ce lien jusqu’à la clôture.',
    answeredAnonymous:
      'Merci : vos réponses ont bien été reçues. La consultation est anonyme : elles sont conservées séparément de ce lien et ne peuvent être ni affichées ni modifiées.',
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

/** The title and message of the page for an error status, in the citizen's language; undefined for others. */
export function statusText(language: string, status: number): { title: string; message: string } | undefined {
  const text = (pageText(language) as Record<string, string>)[`status${status}`];
  if (!text) return undefined;
  const [title, message] = text.split('|') as [string, string];
  return { title, message };
}

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string | number | undefined>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
