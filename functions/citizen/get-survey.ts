import { routes } from '../../shared/api/routes';
import { citizenContext, deviceCookies, htmlError, htmlResult, wantsHtml } from '../../shared/citizen/citizen-http';
import { renderSurveyPage } from '../../shared/citizen/survey-page';
import { httpHandler } from '../../shared/http/handler';
import { citizenSurveysService } from '../../shared/services/surveys-wiring';

export const handler = httpHandler(routes.getCitizenSurvey, async ({ params, query, event }) => {
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
