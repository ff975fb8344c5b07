import { join } from 'node:path';
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  QUEUES,
  type QueueName,
  type QueueTrigger,
  TOPICS,
  type TopicName,
  visibilityTimeoutSeconds,
} from '../../shared/core/queues/queues';
import type { DeploymentSecrets } from './deployment-secrets';
import { grantTableItems } from './table-access';
import { VoxcitioFunction } from './voxcitio-function';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', 'functions');
const functionId = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`;
const pascal = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

export interface CampaignMessagingProps {
  triggers: readonly QueueTrigger[];
  table: ITable;
  secrets: DeploymentSecrets;
  /** The address campaigns come from; its domain becomes the SES identity, signed with Easy DKIM. */
  senderEmail: string;
  /** The End User Messaging pool or phone number SMS campaigns send from (an ARN, or a pool-/phone- id). */
  smsOriginationIdentity?: string | undefined;
  logRetention: RetentionDays;
}

/**
 * What campaigns send through: the SES identity (the sender's domain, Easy DKIM) and a configuration set whose
 * events (delivery, bounce, complaint) reach an SNS topic and from there a queue; the declared queues, each with
 * a dead-letter queue, encrypted and SSL-only; and one function per declared queue trigger, fed by an event
 * source with its maximum concurrency and reserved as much. The consumers are created by `addConsumers` once
 * the functions' environment (which needs the queues' URLs) is known. The queues, topic and SES resources are a
 * nested stack of their own (`channels`), to keep the main stack under CloudFormation's 500 resources; the
 * consumers stay beside the other functions, since they need the citizen address the edge gives.
 */
export class CampaignMessaging extends Construct {
  readonly queues = new Map<QueueName, Queue>();
  readonly deadLetterQueues = new Map<QueueName, Queue>();
  readonly eventsTopic: Topic;
  readonly topics = new Map<TopicName, Topic>();
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  readonly functions = new Map<string, VoxcitioFunction>();
  readonly channels: NestedStack;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CampaignMessagingProps,
  ) {
    super(scope, id);
    const channels = new NestedStack(this, 'Channels', {
      description: 'Voxcitio: campaign queues, SES events, sender identity',
    });
    this.channels = channels;
    // SES publishes to the topic: a key of our own, since the AWS-managed SNS key grants no other service.
    const topicKey = new Key(channels, 'EventsTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the SES events topic of Voxcitio campaigns',
    });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com'), new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const [name, declared] of Object.entries(TOPICS) as [TopicName, (typeof TOPICS)[TopicName]][])
      this.topics.set(
        name,
        new Topic(channels, `${pascal(name)}Topic`, {
          displayName: `Voxcitio ${declared.logicalName}`,
          enforceSSL: true,
          masterKey: topicKey,
        }),
      );
    this.eventsTopic = this.topics.get('messageEvents') as Topic;
    // Two-way SMS publishes replies as the service itself.
    this.topics.get('smsReplies')?.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [(this.topics.get('smsReplies') as Topic).topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const [name, declared] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const trigger = props.triggers.find((candidate) => candidate.queue === name);
      const deadLetters = new Queue(channels, `${pascal(name)}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(channels, pascal(name), {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(trigger ? visibilityTimeoutSeconds(trigger) : 30),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: declared.maxReceiveCount },
      });
      if ('topic' in declared) this.topics.get(declared.topic)?.addSubscription(new SqsSubscription(queue));
      this.queues.set(name, queue);
      this.deadLetterQueues.set(name, deadLetters);
    }
    this.configurationSet = new ConfigurationSet(channels, 'Campaigns', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Events', {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: [
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });
    const domain = props.senderEmail.split('@')[1] ?? props.senderEmail;
    this.identity = new EmailIdentity(channels, 'SenderDomain', {
      identity: Identity.domain(domain),
      configurationSet: this.configurationSet,
    });
  }

  /** What functions need to reach the queues, the topic and the configuration set. */
  get environment(): Record<string, string> {
    return {
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      ...Object.fromEntries(
        [...this.queues].map(([name, queue]) => [QUEUES[name].environmentVariable, queue.queueUrl]),
      ),
      ...Object.fromEntries(
        [...this.topics].map(([name, topic]) => [TOPICS[name].environmentVariable, topic.topicArn]),
      ),
    };
  }

  /** One function per declared queue trigger, consuming its queue with partial batch failures. */
  addConsumers(environment: Record<string, string>): void {
    for (const trigger of this.props.triggers) {
      const queue = this.queues.get(trigger.queue) as Queue;
      const fn = new VoxcitioFunction(this, functionId(trigger.name), {
        entry: join(FUNCTIONS_DIR, `${trigger.handler}.ts`),
        description: `${QUEUES[trigger.queue].logicalName}: ${trigger.description}`,
        environment,
        logRetention: this.props.logRetention,
        timeout: Duration.seconds(trigger.timeoutSeconds),
        reservedConcurrentExecutions: trigger.maxConcurrency,
      });
      fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: trigger.batchSize,
          maxConcurrency: trigger.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
      grantTableItems(fn, this.props.table, trigger.items);
      this.props.secrets.grantSigning(fn);
      this.grantSending(fn, { sendsTo: trigger.sendsTo, sendsEmail: trigger.sendsEmail, sendsSms: trigger.sendsSms });
      this.functions.set(trigger.name, fn);
    }
  }

  /** What a function's declaration says it sends: to queues, and mail through the identity and configuration set. */
  grantSending(
    fn: IFunction,
    uses: { sendsTo?: readonly QueueName[]; sendsEmail?: boolean; sendsSms?: boolean },
  ): void {
    for (const name of uses.sendsTo ?? []) this.queues.get(name)?.grantSendMessages(fn);
    const stack = Stack.of(this);
    const identity = this.props.smsOriginationIdentity;
    if (uses.sendsSms && identity)
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['sms-voice:SendTextMessage'],
          resources: [
            identity.startsWith('arn:')
              ? identity
              : stack.formatArn({
                  service: 'sms-voice',
                  resource: identity.startsWith('phone-') ? 'phone-number' : 'pool',
                  resourceName: identity,
                }),
          ],
        }),
      );
    if (!uses.sendsEmail) return;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendBulkEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
  }

  /** Alarms on poisoned messages (any in a dead-letter queue) and on the account's bounce and complaint rates. */
  alarms(scope: Construct): Alarm[] {
    const alarms = [...this.deadLetterQueues].map(
      ([name, queue]) =>
        new Alarm(scope, `${pascal(name)}DeadLetterAlarm`, {
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `${QUEUES[name].logicalName}: a message failed every attempt and waits in its dead-letter queue`,
        }),
    );
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    alarms.push(
      new Alarm(scope, 'BounceRateAlarm', {
        metric: reputation('Reputation.BounceRate'),
        threshold: 0.05,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: 'SES bounce rate at 5% or more: SES reviews accounts past this; campaigns pause themselves',
      }),
      new Alarm(scope, 'ComplaintRateAlarm', {
        metric: reputation('Reputation.ComplaintRate'),
        threshold: 0.001,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: 'SES complaint rate at 0.1% or more: mailbox providers start filtering past this',
      }),
    );
    return alarms;
  }
}
