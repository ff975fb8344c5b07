import { describe, expect, it } from 'vitest';
import {
  contactAfterUpdate,
  contactFromCreate,
  normaliseEmail,
  normaliseLanguage,
  normalisePhone,
  normalisePostcode,
  normaliseTags,
} from '../../../shared/contacts/contact';

const context = { defaultCountry: 'GB', now: '2026-11-24T10:00:00.000Z' };

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Mary.Smith@Example.ORG ')).toBe('mary.smith@example.org');
  });
  it.each(['john at example.org', 'mary@', '@example.net', 'n/a', 'bob@@example.com', 'alice@example', ''])(
    'refuses %j',
    (raw) => expect(normaliseEmail(raw)).toBeUndefined(),
  );
});

describe('normalisePhone', () => {
  // The ways the contact generator (and real council exports) write one British mobile.
  it.each(['07123 456789', '+44 7123 456789', '+447123456789', '0044 7123 456789', '(07123) 456-789', '07123456789'])(
    'reads %j as +447123456789',
    (raw) => expect(normalisePhone(raw, 'GB')).toBe('+447123456789'),
  );
  it('uses the default country only for national numbers', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalisePhone('+33 6 12 34 56 78', 'GB')).toBe('+33612345678');
  });
  it.each(['12345', 'n/a', 'call after 6pm', '0', '+44 12', '07700 900123', ''])('refuses %j', (raw) =>
    expect(normalisePhone(raw, 'GB')).toBeUndefined(),
  );
});

describe('normalisePostcode', () => {
  it.each([
    ['sw161yd', 'SW16 1YD'],
    [' SW16  1YD ', 'SW16 1YD'],
    ['ec1a1bb', 'EC1A 1BB'],
    ['m1 1ae', 'M1 1AE'],
    ['\tsw16\n1yd', 'SW16 1YD'],
    ['SW16 1YD', 'SW16 1YD'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['EC1A  1BB', 'EC1A 1BB'],
  ])('writes the GB postcode %j as %j', (raw, expected) => expect(normalisePostcode(raw, 'GB')).toBe(expected));
  it('only upper-cases and folds spaces elsewhere, or when it is not a UK postcode', () => {
    expect(normalisePostcode('1012 ab', 'NL')).toBe('1012 AB');
    expect(normalisePostcode('not  a code', 'GB')).toBe('NOT A CODE');
    expect(normalisePostcode(' sw16\t 1yd ', 'FR')).toBe('SW16 1YD');
  });
});

describe('normaliseTags and normaliseLanguage', () => {
  it('trims, folds spaces and case, and drops repeats and blanks', () => {
    expect(normaliseTags([' Parks', 'parks', 'Older   People', ' '])).toEqual(['parks', 'older people']);
    // A tab or a line break is folded too, even alone; a single space is kept as it is.
    expect(normaliseTags(['older\tpeople', 'road\nsafety', 'green spaces', 'Road Safety'])).toEqual([
      'older people',
      'road safety',
      'green spaces',
    ]);
  });
  it('drops repeats however many tags there are, keeping the first of each in order', () => {
    const many = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `Tag ${i % 9}` : `tag ${i % 9}`));
    expect(normaliseTags(many)).toEqual(Array.from({ length: 9 }, (_, i) => `tag ${i}`));
  });
  it('canonicalises language tags and refuses non-tags', () => {
    expect(normaliseLanguage('PT-br')).toBe('pt-BR');
    expect(normaliseLanguage('cy')).toBe('cy');
    expect(normaliseLanguage('not a language')).toBeUndefined();
  });
  it('reads locale codes and language names in English or in the language itself, from Intl data', () => {
    expect(normaliseLanguage('en_GB')).toBe('en-GB');
    expect(normaliseLanguage('en_GB.UTF-8')).toBe('en-GB');
    expect(normaliseLanguage('English')).toBe('en');
    expect(normaliseLanguage('english')).toBe('en');
    expect(normaliseLanguage('Urdu')).toBe('ur');
    expect(normaliseLanguage('اردو')).toBe('ur');
    expect(normaliseLanguage('Welsh')).toBe('cy');
    expect(normaliseLanguage('Cymraeg')).toBe('cy');
    expect(normaliseLanguage('Français')).toBe('fr');
    expect(normaliseLanguage('francais')).toBe('fr');
    expect(normaliseLanguage('Deutsch')).toBe('de');
    expect(normaliseLanguage('  Polish ')).toBe('pl');
    // Well-formed BCP 47, but no language's tag.
    expect(normaliseLanguage('xx')).toBeUndefined();
    expect(normaliseLanguage('Elvish')).toBeUndefined();
  });
});

describe('contactFromCreate', () => {
  it('keeps names exactly as given and stamps consent with the request time', () => {
    const outcome = contactFromCreate(
      {
        firstName: ' 민준 ',
        lastName: 'Nguyễn Văn',
        email: 'A@B.ORG',
        consent: { sms: { granted: true, source: 'paper' } },
      },
      context,
    );
    expect(outcome).toEqual({
      ok: true,
      draft: {
        firstName: ' 민준 ',
        lastName: 'Nguyễn Văn',
        email: 'a@b.org',
        tags: [],
        consent: { sms: { granted: true, source: 'paper', timestamp: context.now } },
        attributes: {},
      },
    });
  });

  it('keeps a consent timestamp that was given', () => {
    const outcome = contactFromCreate(
      { email: 'a@b.org', consent: { email: { granted: false, source: 'x', timestamp: '2025-01-01T00:00:00Z' } } },
      context,
    );
    expect(outcome.ok && outcome.draft.consent.email?.timestamp).toBe('2025-01-01T00:00:00Z');
  });

  it('reports every invalid field at once', () => {
    const outcome = contactFromCreate({ email: 'nope', phone: '12', language: '??' }, context);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues.map((issue) => issue.path)).toEqual([
      'body.email',
      'body.phone',
      'body.language',
    ]);
  });

  it('needs an email or a phone', () => {
    expect(contactFromCreate({ firstName: 'A' }, context)).toEqual({
      ok: false,
      issues: [{ path: 'body', message: 'a contact needs an email, a mobile phone or a landline' }],
    });
  });
});

describe('contactAfterUpdate', () => {
  const current = {
    id: 'c1',
    firstName: 'Ann',
    email: 'ann@example.org',
    phone: '+447123456789',
    tags: ['parks'],
    consent: { email: { granted: true, source: 'web', timestamp: '2025-01-01T00:00:00.000Z' } },
    attributes: { a: 1, b: 'two' },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('sets named fields, clears nulls, and leaves the rest', () => {
    const outcome = contactAfterUpdate(
      current,
      {
        firstName: null,
        ward: 'Harbour',
        tags: ['Cycling'],
        consent: { email: null },
        attributes: { a: null, c: true },
      },
      context,
    );
    expect(outcome).toEqual({
      ok: true,
      draft: {
        email: 'ann@example.org',
        phone: '+447123456789',
        ward: 'Harbour',
        tags: ['cycling'],
        consent: {},
        attributes: { b: 'two', c: true },
      },
    });
  });

  it('normalises a changed phone and refuses to clear the last channel', () => {
    const changed = contactAfterUpdate(current, { phone: '0044 7123 000001' }, context);
    expect(changed.ok && changed.draft.phone).toBe('+447123000001');
    const cleared = contactAfterUpdate(current, { email: null, phone: null }, context);
    expect(cleared.ok).toBe(false);
  });

  it('does not mutate the stored contact', () => {
    const before = structuredClone(current);
    contactAfterUpdate(current, { attributes: { a: null }, consent: { email: null } }, context);
    expect(current).toEqual(before);
  });
});
