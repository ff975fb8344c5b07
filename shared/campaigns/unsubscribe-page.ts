import { escapeHtml } from '../surveys/citizen/html';
import { citizenPage } from '../surveys/citizen/survey-page';

/** What an unsubscribe link shows: in whose language, and whether it was used already. */
export interface UnsubscribeView {
  language: string;
  unsubscribed: boolean;
  /** A test message's link: it unsubscribes nobody. */
  test?: boolean;
}

/** The unsubscribe page's words, per language (English when the contact's language has none). */
const TEXT: Record<string, Record<'ask' | 'explain' | 'button' | 'done' | 'doneExplain' | 'test', string>> = {
  en: {
    ask: 'Stop emails from {city}?',
    explain:
      'You will no longer receive campaign emails from {city}. You can ask them to write to you again at any time.',
    button: 'Unsubscribe',
    done: 'You are unsubscribed',
    doneExplain: '{city} will not send you campaign emails any more.',
    test: 'This link comes from a test message: using it changes nothing.',
  },
  cy: {
    ask: 'Rhoi’r gorau i gael e-byst gan {city}?',
    explain:
      'Ni fyddwch yn cael e-byst ymgyrch gan {city} mwyach. Gallwch ofyn iddynt ysgrifennu atoch eto ar unrhyw adeg.',
    button: 'Dad-danysgrifio',
    done: 'Rydych wedi dad-danysgrifio',
    doneExplain: 'Ni fydd {city} yn anfon e-byst ymgyrch atoch mwyach.',
    test: 'Daw’r ddolen hon o neges brawf: nid yw ei defnyddio yn newid dim.',
  },
  fr: {
    ask: 'Ne plus recevoir les e-mails de {city} ?',
    explain:
      'Vous ne recevrez plus les e-mails de campagne de {city}. Vous pourrez à tout moment demander à les recevoir de nouveau.',
    button: 'Me désabonner',
    done: 'Vous êtes désabonné',
    doneExplain: '{city} ne vous enverra plus d’e-mails de campagne.',
    test: 'Ce lien vient d’un message de test : l’utiliser ne change rien.',
  },
  es: {
    ask: '¿Dejar de recibir correos de {city}?',
    explain: 'Ya no recibirá correos de campaña de {city}. Puede pedir volver a recibirlos en cualquier momento.',
    button: 'Darme de baja',
    done: 'Se ha dado de baja',
    doneExplain: '{city} ya no le enviará correos de campaña.',
    test: 'Este enlace viene de un mensaje de prueba: usarlo no cambia nada.',
  },
  de: {
    ask: 'Keine E-Mails mehr von {city}?',
    explain: 'Sie erhalten dann keine Kampagnen-E-Mails mehr von {city}. Sie können jederzeit wieder darum bitten.',
    button: 'Abmelden',
    done: 'Sie sind abgemeldet',
    doneExplain: '{city} sendet Ihnen keine Kampagnen-E-Mails mehr.',
    test: 'Dieser Link stammt aus einer Testnachricht: Er ändert nichts.',
  },
};

const textFor = (language: string) => {
  const code = language.toLowerCase().split('-')[0] ?? 'en';
  return { code: TEXT[code] ? code : 'en', text: TEXT[code] ?? (TEXT.en as (typeof TEXT)['en']) };
};

/**
 * The page an unsubscribe link opens: one question and one button (a form posting to the link itself), or the
 * confirmation. No JavaScript, the contact's language, the citizen pages' accessible layout.
 */
export function renderUnsubscribePage(view: UnsubscribeView, cityName: string, action: string): string {
  const { code, text } = textFor(view.language);
  // citizenPage escapes the title itself; the body's lines are escaped here.
  const line = (key: keyof typeof text) => text[key].replace('{city}', () => cityName);
  const fill = (key: keyof typeof text) => escapeHtml(line(key));
  if (view.test) return citizenPage(code, line('ask'), `<h1>${fill('ask')}</h1>\n<p>${fill('test')}</p>`);
  if (view.unsubscribed)
    return citizenPage(code, line('done'), `<h1>${fill('done')}</h1>\n<p>${fill('doneExplain')}</p>`);
  return citizenPage(
    code,
    line('ask'),
    `<h1>${fill('ask')}</h1>
<p>${fill('explain')}</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${fill('button')}</button>
</form>`,
  );
}
