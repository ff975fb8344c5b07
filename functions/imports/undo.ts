import { httpHandler } from '../../shared/core/http/handler';
import { importsService } from '../../shared/imports/imports-wiring';
import { importRoutes } from '../../shared/imports/routes';

/** Time kept back to record progress and answer before the function's timeout. */
const RESERVE_MS = 3000;

export const handler = httpHandler(importRoutes.undoImport)(async ({ params, context }) => {
  const { contactImport, complete } = await importsService().undo(params.id, {
    timeIsShort: () => context.getRemainingTimeInMillis() < RESERVE_MS,
  });
  return { status: complete ? 200 : 202, body: contactImport };
});
