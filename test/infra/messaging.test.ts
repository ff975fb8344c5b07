import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { QUEUE_TRIGGERS, QUEUES, visibilityTimeoutSeconds } from '../../shared/core/queues/queues';
import { allRoutes } from '../../shared/routes';
import { defaultTemplate, synthApp } from './synth';

const { template, stack } = defaultTemplate();
const channels = Template.fromStack(stack.messaging.channels);
const monitoring = Template.fromStack(stack.monitoring);
type Resources = Record<string, { Properties: any }>;
const of = (t: Template, type: string) => t.findResources(type) as Resources;

describe('campaign channels', () => {
  const queues = of(channels, 'AWS::SQS::Queue');
  const consumed = Object.entries(queues).filter(([, queue]) => queue.Properties.RedrivePolicy);

  it('deploy every declared queue with a dead-letter queue, encrypted, kept 14 days when dead', () => {
    expect(consumed).toHaveLength(Object.keys(QUEUES).length);
    expect(Object.keys(queues)).toHaveLength(2 * Object.keys(QUEUES).length);
    for (const [, queue] of Object.values(queues).entries()) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const receiveCounts = consumed.map(([, queue]) => queue.Properties.RedrivePolicy.maxReceiveCount).sort();
    expect(receiveCounts).toEqual(
      Object.values(QUEUES)
        .map((queue) => queue.maxReceiveCount)
        .sort(),
    );
    const deadLetters = Object.values(queues).filter((queue) => !queue.Properties.RedrivePolicy);
    for (const queue of deadLetters) expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('refuse every request to a queue that is not over TLS', () => {
    const policies = Object.values(of(channels, 'AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(2 * Object.keys(QUEUES).length);
    for (const policy of policies)
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
  });

  it('hide a received message for six times its consumer’s timeout', () => {
    const timeouts = consumed.map(([, queue]) => queue.Properties.VisibilityTimeout).sort((a, b) => a - b);
    expect(timeouts).toEqual(QUEUE_TRIGGERS.map(visibilityTimeoutSeconds).sort((a, b) => a - b));
  });

  it('publish SES’s delivery, bounce and complaint events to an encrypted topic the events queue is subscribed to', () => {
    channels.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    channels.resourceCountIs('AWS::SNS::Subscription', 2);
    channels.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const [destination] = Object.values(of(channels, 'AWS::SES::ConfigurationSetEventDestination'));
    expect(destination?.Properties.EventDestination.MatchingEventTypes).toEqual(
      expect.arrayContaining(['delivery', 'bounce', 'complaint']),
    );
    expect(destination?.Properties.EventDestination.SnsDestination).toBeDefined();
  });

  it('send from the sender email’s domain, signed with Easy DKIM', () => {
    channels.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
    expect(Object.keys(template.toJSON().Outputs).filter((name) => name.startsWith('SenderDkimRecord'))).toHaveLength(
      3,
    );
  });
});

describe('two-way SMS', () => {
  it('takes replies on an encrypted topic End User Messaging may publish to, given as an output', () => {
    const policies = Object.values(of(channels, 'AWS::SNS::TopicPolicy'));
    expect(JSON.stringify(policies)).toContain('sms-voice.amazonaws.com');
    expect(template.toJSON().Outputs.SmsRepliesTopicArn).toBeDefined();
  });

  it('lets the sender and test sends text from the configured pool only, and nothing without one', () => {
    const smsActions = (t: Template) =>
      Object.values(of(t, 'AWS::IAM::Policy')).flatMap((policy) =>
        policy.Properties.PolicyDocument.Statement.filter((statement: { Action: string | string[] }) =>
          [statement.Action].flat().includes('sms-voice:SendTextMessage'),
        ),
      );
    expect(smsActions(template)).toEqual([]);
    const configured = Template.fromStack(synthApp({ smsOriginationIdentity: 'pool-0123456789abcdef' }).stack);
    const granted = smsActions(configured);
    expect(granted).toHaveLength(2);
    for (const statement of granted)
      expect(JSON.stringify(statement.Resource)).toContain(':pool/pool-0123456789abcdef');
  });
});

describe('queue consumers', () => {
  const mappings = Object.values(of(template, 'AWS::Lambda::EventSourceMapping'));
  const functions = of(template, 'AWS::Lambda::Function');

  it.each(QUEUE_TRIGGERS.map((trigger) => [trigger.name, trigger] as const))(
    '%s: its batch size and maximum concurrency, partial batch responses, reserved concurrency',
    (_, trigger) => {
      const [id, fn] = Object.entries(functions).find(([, candidate]) =>
        String(candidate.Properties.Description).endsWith(trigger.description),
      ) ?? [undefined, undefined];
      expect(fn, trigger.name).toBeDefined();
      expect(fn?.Properties.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(trigger.maxConcurrency);
      const mapping = mappings.find((candidate) => candidate.Properties.FunctionName.Ref === id);
      expect(mapping?.Properties).toMatchObject({
        BatchSize: trigger.batchSize,
        ScalingConfig: { MaximumConcurrency: trigger.maxConcurrency },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    },
  );
});

describe('what functions may send', () => {
  const policies = Object.values(of(template, 'AWS::IAM::Policy'));
  const statementsOf = (name: string) => {
    const fn = stack.httpApi.functions.get(name) ?? stack.messaging.functions.get(name);
    const roleId = stack.getLogicalId(fn?.role?.node.defaultChild as never);
    return policies
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  };
  const actions = (name: string) =>
    statementsOf(name).flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());

  it('lets a route send to the queues it declares, and mail only when it declares so', () => {
    for (const route of allRoutes) {
      const granted = actions(route.name);
      expect(granted.includes('sqs:SendMessage'), route.name).toBe((route.sendsTo ?? []).length > 0);
      expect(granted.includes('ses:SendBulkEmail'), route.name).toBe(route.sendsEmail === true);
    }
  });

  it('lets the sender send mail on the identity and configuration set only', () => {
    const ses = statementsOf('sendCampaignMessages').find((statement: { Action: string[] }) =>
      [statement.Action].flat().includes('ses:SendBulkEmail'),
    );
    const resources = JSON.stringify(ses.Resource);
    expect(resources).toContain(':identity/');
    expect(resources).toContain(':configuration-set/');
    expect(ses.Resource).toHaveLength(2);
    expect(actions('recordMessageEvents')).not.toContain('ses:SendBulkEmail');
  });
});

describe('messaging alarms', () => {
  const alarms = Object.values(of(monitoring, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);

  it('page on any message in a dead-letter queue, and on the account’s bounce and complaint rates', () => {
    const deadLetter = alarms.filter(
      (alarm) => alarm.Namespace === 'AWS/SQS' && alarm.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(deadLetter).toHaveLength(Object.keys(QUEUES).length);
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 }),
    );
    for (const alarm of [...deadLetter]) expect(alarm.AlarmActions).toHaveLength(1);
  });
});
