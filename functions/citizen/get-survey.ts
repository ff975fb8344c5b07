import { httpHandler } from '../../shared/core/http/handler';
import {
  citizenContext,
  deviceCookies,
  htmlError,
  htmlResult,
  wantsHtml,
} from '../../shared/surveys/citizen/citizen-http';
import { citizenRoutes } from '../../shared/surveys/citizen/routes';
import { renderSurveyPage } from '../../shared/surveys/citizen/survey-page';
import { citizenSurveysService } from '../../shared/surveys/surveys-wiring';

export const handler = httpHandler(citizenRoutes.getCitizenSurvey)(async ({ params, query, event }) => {
  const context = citizenContext(event, query.lang);
  if (!wantsHtml(event)) {
    const { survey, newDeviceToken } = await citizenSurveysService().view(params.token, context);
    return {
      status: 200,
      body: { ...survey, ...(newDeviceToken && { deviceToken: newDeviceToken }) },
      cookies: deviceCookies(newDeviceToken),
    };
  }
  try {
    const { survey, newDeviceToken } = await citizenSurveysService().view(params.token, context);
    const page = renderSurveyPage({ survey, action: event.rawPath, saved: query.saved === '1' });
    return htmlResult(200, page, { cookies: deviceCookies(newDeviceToken) });
  } catch (error) {
    return htmlError(error, query.lang ?? context.acceptedLanguages[0]);
  }
});
