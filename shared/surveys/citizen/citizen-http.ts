import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ApiError } from '../../core/errors';
import type { HtmlPage } from '../../core/http/handler';
import type { HttpResult } from '../../core/http/response';
import type { CitizenContext } from '../citizen-surveys-service';
import { DEVICE_HEADER } from '../device-tokens';
import { acceptedLanguages } from '../survey';
import { statusText } from './page-text';
import { renderMessagePage } from './survey-page';

/**
 * What citizen routes share: content negotiation (a browser asking for text/html gets the server-rendered
 * page, anything else JSON), the citizen's languages, and the device cookie of public surveys.
 */
export const DEVICE_COOKIE = 'vx_device';
const DEVICE_COOKIE_SECONDS = 365 * 24 * 3600;

export const wantsHtml = (event: APIGatewayProxyEventV2) => /\btext\/html\b/i.test(event.headers?.accept ?? '');

export function citizenContext(event: APIGatewayProxyEventV2, chosenLanguage?: string): CitizenContext {
  const cookie = (event.cookies ?? [])
    .map((entry) => entry.split('='))
    .find(([name]) => name?.trim() === DEVICE_COOKIE);
  return {
    acceptedLanguages: acceptedLanguages(event.headers?.['accept-language']),
    ...(chosenLanguage && { chosenLanguage }),
    // A page has the cookie; a frontend on another site keeps the token itself and sends it in a header.
    ...((cookie?.[1] ?? event.headers?.[DEVICE_HEADER]) && {
      deviceToken: (cookie?.[1] ?? event.headers?.[DEVICE_HEADER] ?? '').trim(),
    }),
  };
}

/** The cookie that names a device to a survey taking one response per device; only citizen routes receive it. */
export const deviceCookies = (newDeviceToken: string | undefined): string[] | undefined =>
  newDeviceToken
    ? [`${DEVICE_COOKIE}=${newDeviceToken}; Path=/s/; Max-Age=${DEVICE_COOKIE_SECONDS}; HttpOnly; Secure; SameSite=Lax`]
    : undefined;

export const htmlResult = (
  status: number,
  html: string,
  extra: Pick<HttpResult, 'headers' | 'cookies'> = {},
): HtmlPage => ({
  status,
  body: html,
  ...extra,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    // No site may frame the page (clickjacking): frame-ancestors for current browsers, X-Frame-Options for older.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Links on the page never send its token elsewhere, and its own form posts keep their Origin (with
    // no-referrer, browsers send `Origin: null`, which the form's origin check could not tell from a forgery).
    'referrer-policy': 'same-origin',
    ...extra.headers,
  },
});

/**
 * Whether a form post comes from a page of this site: its Origin (else its Referer) names the host the request
 * was sent to, or the citizen base URL's. Another site cannot make a visitor's browser post answers (ballot
 * stuffing through other people's browsers, or answers planted in someone's personal link).
 */
export function isSameSiteFormPost(event: APIGatewayProxyEventV2, citizenBaseUrl?: string): boolean {
  const source = event.headers?.origin || event.headers?.referer;
  if (!source || source === 'null') return false;
  let host: string;
  try {
    host = new URL(source).host.toLowerCase();
  } catch {
    return false;
  }
  const allowed = [
    event.headers?.host,
    event.requestContext?.domainName,
    citizenBaseUrl && new URL(citizenBaseUrl).host,
  ];
  return allowed.some((candidate) => candidate?.toLowerCase() === host);
}

/** A known error as a plain page with its status; anything else goes on to the error middleware. */
export function htmlError(error: unknown, language = 'en'): HtmlPage {
  if (!(error instanceof ApiError)) throw error;
  const text = statusText(language, error.status) ?? { title: 'Something is wrong', message: error.message };
  return htmlResult(error.status, renderMessagePage(language, text.title, text.message));
}
