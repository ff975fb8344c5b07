import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LambdaDestination as FunctionOnFailure } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { type BucketName, type BucketTrigger, TRIGGER_FAILURES } from '../../shared/core/files/buckets';
import { grantObjectAccess } from './object-access';
import { grantTableItems } from './table-access';
import { VoxcitioFunction } from './voxcitio-function';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', 'functions');

export interface BucketTriggersProps {
  triggers: readonly BucketTrigger[];
  buckets: Record<BucketName, IBucket>;
  table: ITable;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

const functionId = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`;

/**
 * One function per declared bucket trigger, notified by S3 when an object is created under the trigger's
 * prefix (the local runner delivers s3rver's events to the same handlers). S3 invokes them asynchronously:
 * an event that fails its three attempts, or waits too long, goes to the trigger-failure function
 * (TRIGGER_FAILURES), which records it on its import.
 */
export class BucketTriggers extends Construct {
  /** Every function here, the trigger-failure function included, by declared name. */
  readonly functions = new Map<string, VoxcitioFunction>();

  constructor(scope: Construct, id: string, props: BucketTriggersProps) {
    super(scope, id);
    const failures = new VoxcitioFunction(this, functionId(TRIGGER_FAILURES.name), {
      entry: join(FUNCTIONS_DIR, `${TRIGGER_FAILURES.handler}.ts`),
      description: TRIGGER_FAILURES.description,
      environment: props.environment,
      logRetention: props.logRetention,
      timeout: Duration.seconds(TRIGGER_FAILURES.timeoutSeconds),
    });
    grantTableItems(failures, props.table, TRIGGER_FAILURES.items);
    this.functions.set(TRIGGER_FAILURES.name, failures);
    for (const trigger of props.triggers) {
      const bucket = props.buckets[trigger.bucket];
      const fn = new VoxcitioFunction(this, functionId(trigger.name), {
        entry: join(FUNCTIONS_DIR, `${trigger.handler}.ts`),
        description: `${trigger.bucket}/${trigger.prefix}*: ${trigger.description}`,
        environment: props.environment,
        logRetention: props.logRetention,
        timeout: Duration.seconds(trigger.timeoutSeconds),
        memorySize: 1024,
        ephemeralStorageMiB: trigger.ephemeralStorageMiB,
      });
      grantTableItems(fn, props.table, trigger.items);
      grantObjectAccess(fn, bucket, trigger.objects);
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), { prefix: trigger.prefix });
      fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new FunctionOnFailure(failures) });
      this.functions.set(trigger.name, fn);
    }
  }
}
