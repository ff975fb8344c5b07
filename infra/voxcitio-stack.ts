import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../shared/core/config/deployment-config';
import { functionEnvironment } from '../shared/core/config/runtime-env';
import { BUCKET_TRIGGERS } from '../shared/core/files/buckets';
import { QUEUE_TRIGGERS } from '../shared/core/queues/queues';
import { SCHEDULED_TASKS } from '../shared/core/schedules';
import { allRoutes } from '../shared/routes';
import { ApiEdge } from './constructs/api-edge';
import { BucketTriggers } from './constructs/bucket-triggers';
import { CampaignMessaging } from './constructs/campaign-messaging';
import { DataStore } from './constructs/data-store';
import { DeploymentSecrets } from './constructs/deployment-secrets';
import { FileBuckets } from './constructs/file-buckets';
import { VoxcitioHttpApi } from './constructs/http-api';
import { OperationsMonitoring } from './constructs/operations-monitoring';
import { ScheduledTasks } from './constructs/scheduled-tasks';
import { StaffDirectory } from './constructs/staff-directory';
import { acknowledgeNagFindings } from './nag-acknowledgements';

export interface VoxcitioStackProps extends StackProps {
  config: DeploymentConfig;
  /** The per-client rate limit's web ACL, from the edge stack in us-east-1. */
  webAclArn: string;
}

/** Everything one city deploys: its data, its staff directory, its API, the files it exchanges, and its monitoring. */
export class VoxcitioStack extends Stack {
  readonly dataStore: DataStore;
  readonly files: FileBuckets;
  readonly secrets: DeploymentSecrets;
  readonly staff: StaffDirectory;
  readonly httpApi: VoxcitioHttpApi;
  readonly edge: ApiEdge;
  readonly bucketTriggers: BucketTriggers;
  readonly scheduledTasks: ScheduledTasks;
  readonly messaging: CampaignMessaging;
  readonly monitoring: OperationsMonitoring;

  constructor(scope: Construct, id: string, props: VoxcitioStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;

    this.dataStore = new DataStore(this, 'Data', { deletionProtection: config.deletionProtection });
    this.files = new FileBuckets(this, 'Files', {
      dataRetentionDays: config.dataRetentionDays,
      surveyFilesRetentionDays: config.surveyFilesRetentionDays,
      corsOrigins: config.frontendOrigins,
    });
    this.staff = new StaffDirectory(this, 'Staff', { cityName: config.cityName });
    this.secrets = new DeploymentSecrets(this, 'Secrets');
    this.messaging = new CampaignMessaging(this, 'Messaging', {
      triggers: QUEUE_TRIGGERS,
      table: this.dataStore.table,
      secrets: this.secrets,
      senderEmail: config.senderEmail,
      smsOriginationIdentity: config.smsOriginationIdentity,
      logRetention,
    });
    const environment = {
      ...functionEnvironment(config, {
        tableName: this.dataStore.table.tableName,
        importsBucket: this.files.imports.bucketName,
      }),
      ...this.secrets.environment,
      ...this.messaging.environment,
    };
    this.httpApi = new VoxcitioHttpApi(this, 'Http', {
      routes: allRoutes,
      table: this.dataStore.table,
      environment,
      secrets: this.secrets,
      importsBucket: this.files.imports,
      jwtIssuer: this.staff.issuerUrl,
      jwtAudience: this.staff.frontendClient.userPoolClientId,
      corsOrigins: config.frontendOrigins,
      // The distribution needs the API first; the functions learn its address once it exists.
      publicUrl: Lazy.string({ produce: () => this.edge.url }),
      throttle: { rateLimit: config.apiThrottleRateLimit, burstLimit: config.apiThrottleBurstLimit },
      logRetention,
    });
    this.edge = new ApiEdge(this, 'Edge', {
      api: this.httpApi.api,
      webAclArn: props.webAclArn,
      edgeSecret: this.secrets.secrets.edge,
    });

    this.bucketTriggers = new BucketTriggers(this, 'BucketTriggers', {
      triggers: BUCKET_TRIGGERS,
      buckets: { imports: this.files.imports },
      table: this.dataStore.table,
      environment,
      logRetention,
    });

    // Queue consumers and scheduled tasks write campaign links too: they get the citizen address routes get.
    const withCitizenUrl = { CITIZEN_BASE_URL: Lazy.string({ produce: () => this.edge.url }), ...environment };
    this.scheduledTasks = new ScheduledTasks(this, 'Schedules', {
      tasks: SCHEDULED_TASKS,
      table: this.dataStore.table,
      importsBucket: this.files.imports,
      environment: withCitizenUrl,
      logRetention,
    });
    this.messaging.addConsumers(withCitizenUrl);
    for (const route of allRoutes) {
      const fn = this.httpApi.functions.get(route.name);
      if (fn) this.messaging.grantSending(fn, route);
    }
    for (const task of SCHEDULED_TASKS) {
      const fn = this.scheduledTasks.functions.get(task.name);
      if (fn) this.messaging.grantSending(fn, task);
    }

    this.monitoring = new OperationsMonitoring(this, 'Operations', {
      functions: new Map([
        ...this.httpApi.functions,
        ...this.bucketTriggers.functions,
        ...this.scheduledTasks.functions,
        ...this.messaging.functions,
      ]),
      api: this.httpApi.api,
      serviceName: environment.POWERTOOLS_SERVICE_NAME ?? 'voxcitio',
    });

    for (const alarm of this.messaging.alarms(this.monitoring)) {
      alarm.addAlarmAction(new SnsAction(this.monitoring.alarmTopic));
      this.monitoring.alarms.push(alarm);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.edge.url, description: 'Staff and citizens use this address' });
    new CfnOutput(this, 'ExecuteApiUrl', {
      value: this.httpApi.url,
      description: 'The API’s own address: staff routes answer there too, citizen links do not (403)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'FrontendClientId', { value: this.staff.frontendClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.dataStore.table.tableName });
    new CfnOutput(this, 'ImportsBucket', { value: this.files.imports.bucketName });
    new CfnOutput(this, 'SmsRepliesTopicArn', {
      value: this.messaging.topics.get('smsReplies')?.topicArn ?? '',
      description: 'Set as the SMS number’s (or pool’s) TwoWayChannelArn, so that STOP replies withdraw consent',
    });
    this.messaging.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `SenderDkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Add to the sender domain’s DNS so SES can sign campaign mail (Easy DKIM)',
      });
    });

    acknowledgeNagFindings(this);
  }
}
