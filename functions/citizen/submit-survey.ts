import { runtimeEnv } from '../../shared/core/config/runtime-env';
import { httpHandler } from '../../shared/core/http/handler';
import { readFormBody } from '../../shared/core/http/request';
import {
  citizenContext,
  deviceCookies,
  htmlError,
  htmlResult,
  isSameSiteFormPost,
} from '../../shared/surveys/citizen/citizen-http';
import { pageText } from '../../shared/surveys/citizen/page-text';
import { citizenRoutes } from '../../shared/surveys/citizen/routes';
import { renderMessagePage, renderSurveyPage } from '../../shared/surveys/citizen/survey-page';
import {
  AlreadyAnsweredError,
  AnswersRefusedError,
  DeviceUnknownError,
} from '../../shared/surveys/citizen-surveys-service';
import { citizenSurveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(citizenRoutes.submitCitizenSurvey)(async ({ params, query, body, event }) => {
  if (body) {
    const context = citizenContext(event, body.language ?? query.lang);
    const outcome = await citizenSurveysService().submit(
      params.token,
      { kind: 'json', answers: body.answers },
      context,
    );
    return {
      status: outcome.created ? 201 : 200,
      body: { ...outcome.survey, ...(outcome.newDeviceToken && { deviceToken: outcome.newDeviceToken }) },
      cookies: deviceCookies(outcome.newDeviceToken),
    };
  }
  // The HTML page's form: saved → back to the page (so a reload does not post again); refused → the page
  // again with the messages and what was entered.
  const fields = readFormBody(event);
  const language = fields.get('lang')?.[0] ?? query.lang;
  if (!isSameSiteFormPost(event, runtimeEnv().CITIZEN_BASE_URL)) {
    const [title, message] = pageText(language ?? 'en').otherSite.split('|') as [string, string];
    return htmlResult(403, renderMessagePage(language ?? 'en', title, message));
  }
  try {
    const outcome = await citizenSurveysService().submit(
      params.token,
      { kind: 'form', fields },
      citizenContext(event, language),
    );
    const location = `${event.rawPath}?saved=1${language ? `&lang=${encodeURIComponent(language)}` : ''}`;
    return { status: 303, headers: { location }, cookies: deviceCookies(outcome.newDeviceToken) };
  } catch (error) {
    // The page says why nothing more can be sent through this link.
    if (error instanceof AlreadyAnsweredError) {
      const location = `${event.rawPath}${language ? `?lang=${encodeURIComponent(language)}` : ''}`;
      return { status: 303, headers: { location } };
    }
    if (error instanceof DeviceUnknownError) {
      const [title, message] = pageText(language ?? 'en').deviceNeeded.split('|') as [string, string];
      return htmlResult(400, renderMessagePage(language ?? 'en', title, message));
    }
    if (error instanceof AnswersRefusedError)
      return htmlResult(
        400,
        renderSurveyPage({
          survey: error.survey,
          action: event.rawPath,
          answers: error.submitted as Record<string, unknown>,
          issues: error.answerIssues,
        }),
      );
    return htmlError(error, language ?? citizenContext(event).acceptedLanguages[0]);
  }
});
