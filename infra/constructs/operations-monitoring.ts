import { Duration, NestedStack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Alias } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '../../shared/core/observability/metrics';

export interface OperationsMonitoringProps {
  /** Every function of the deployment, by name. */
  functions: ReadonlyMap<string, IFunction>;
  api: HttpApi;
  serviceName: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What a city's IT team watches: a CloudWatch dashboard (requests and errors, imports, submissions) and the
 * alarms that page them through one SNS topic (subscribe an email or a chat hook to it): a function's errors
 * or throttles, server errors from the API, and any failed import. A nested stack of its own: its alarms would
 * otherwise take CloudFormation's 500 resources of the main stack.
 */
export class OperationsMonitoring extends NestedStack {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id, { description: 'Voxcitio: dashboard and alarms' });
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'Voxcitio alarms',
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    const notify = new SnsAction(this.alarmTopic);
    const alarm = (name: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [name, fn] of props.functions) {
      alarm(`${name}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), `${name}: a function error`);
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        `${name}: Lambda throttled an invocation (concurrency limit)`,
      );
    }
    const application = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: props.serviceName },
        period: FIVE_MINUTES,
        statistic,
      });
    alarm('ImportFailed', application(METRIC.importFailures), 'An import or dry run ended failed');
    alarm(
      'ApiServerErrors',
      props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'The API answered 5xx',
    );

    const functionSum = (label: string, metricOf: (fn: IFunction) => IMetric) => {
      const prefix = label.toLowerCase();
      const usingMetrics = Object.fromEntries(
        [...props.functions.values()].map((fn, i) => [`${prefix}${i}`, metricOf(fn)]),
      );
      return new MathExpression({
        expression: Object.keys(usingMetrics).join(' + '),
        usingMetrics,
        label,
        period: FIVE_MINUTES,
      });
    };
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${props.serviceName}-operations`,
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' })],
            right: [
              props.api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }),
              props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Function errors and throttles (all functions)',
            left: [
              functionSum('Errors', (fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })),
              functionSum('Throttles', (fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Imports: records read and rejected',
            left: [application(METRIC.importRows), application(METRIC.importRejectedRows)],
            right: [application(METRIC.importRowsPerSecond, 'Average')],
            width: 12,
          }),
          new SingleValueWidget({
            title: 'Failed imports, survey submissions',
            metrics: [application(METRIC.importFailures), application(METRIC.surveySubmissions)],
            width: 12,
          }),
        ],
      ],
    });
  }
}
