/** HTML text and attribute values escaped for the citizen's pages. */
export const escapeHtml = (value: unknown) =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const inputId = (questionId: string, suffix?: string) => `q-${questionId}${suffix ? `-${suffix}` : ''}`;
