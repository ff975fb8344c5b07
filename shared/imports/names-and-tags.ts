/** How a full name splits into first and last, and a tag cell into tags, as real exports write them. */

/** Name particles that belong to the surname that follows them ("van der Berg", "Ó Briain"). */
const SURNAME_PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'le',
  'la',
  'von',
  'zu',
  'ó',
  'o',
  'mac',
  'mc',
  'bin',
  'ibn',
  'al',
  'el',
  'ter',
  'ten',
  // Irish and Scottish Gaelic: Ní Bhriain, Nic Dhonnchaidh, Uí Néill, Mac Giolla Phádraig, Nic an tSaoi
  'ní',
  'nic',
  'uí',
  'ua',
  'mhic',
  'giolla',
  'an',
  // Welsh ap / ferch, Portuguese dos / das / do
  'ap',
  'ferch',
  'dos',
  'das',
  'do',
]);

/**
 * A tags cell's tags, as exports write them: each may be quoted (Mailchimp's `"Parks","Youth"`), and Google's
 * system labels (`* myContacts`, `* starred`) are not the city's tags.
 */
export function tagsOfCell(cell: string, separator: string): string[] {
  return cell
    .split(separator)
    .map((tag) => tag.trim().replace(/^"(.*)"$/s, '$1'))
    .filter((tag) => !tag.startsWith('* '));
}

/**
 * "SURNAME, First" splits at the comma; "First Middle Last" takes the last word as the surname, with any
 * particles before it. Names are otherwise kept exactly as written.
 */
export function splitFullName(raw: string): { firstName?: string; lastName?: string } {
  const name = raw.trim();
  if (name === '') return {};
  const comma = name.indexOf(',');
  if (comma > 0) {
    const lastName = name.slice(0, comma).trim();
    const firstName = name.slice(comma + 1).trim();
    return { ...(firstName && { firstName }), ...(lastName && { lastName }) };
  }
  const words = name.split(/\s+/);
  if (words.length === 1) return { firstName: name };
  let start = words.length - 1;
  while (start > 1 && SURNAME_PARTICLES.has((words[start - 1] as string).toLowerCase())) start--;
  return { firstName: words.slice(0, start).join(' '), lastName: words.slice(start).join(' ') };
}
