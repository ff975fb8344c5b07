import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Powertools Metrics (CloudWatch embedded metric format): a metric is a log line CloudWatch turns into a
 * metric, so recording one costs no API call. Names are declared once here; the stack's alarms and dashboard
 * read them. Outside Lambda, `POWERTOOLS_METRICS_DISABLED` (the local runner sets it) keeps the lines out of
 * the console.
 */
export const METRICS_NAMESPACE = 'Voxcitio';

export const METRIC = {
  /** Records an import job read in one invocation, and how many of them it rejected. */
  importRows: 'ImportRows',
  importRejectedRows: 'ImportRejectedRows',
  importRowsPerSecond: 'ImportRowsPerSecond',
  /** An import (or dry run) that ended failed. */
  importFailures: 'ImportFailures',
  /** A citizen's answers saved (a first answer or a change). */
  surveySubmissions: 'SurveySubmissions',
  /** Requests answered 5xx, and 4xx, by route (dimension `route`). */
  serverErrors: 'ServerErrors',
  clientErrors: 'ClientErrors',
} as const;

export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voxcitio',
});

/** Writes out the metrics an invocation recorded, if it recorded any (Powertools warns of an empty flush). */
export function publishRecordedMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** One metric with a dimension of its own, written at once (an error counted by route, say). */
export function recordWith(dimension: { name: string; value: string }, metric: string, value = 1): void {
  const single = metrics.singleMetric();
  single.addDimension(dimension.name, dimension.value);
  single.addMetric(metric, MetricUnit.Count, value);
}

export { MetricUnit };
