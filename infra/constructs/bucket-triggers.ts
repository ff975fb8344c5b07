import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import type { BucketName, BucketTrigger } from '../../shared/files/buckets';
import { grantObjectAccess } from './object-access';
import { VoxcitioFunction } from './voxcitio-function';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', 'functions');

export interface BucketTriggersProps {
  triggers: readonly BucketTrigger[];
  buckets: Record<BucketName, IBucket>;
  table: ITable;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/**
 * One function per declared bucket trigger, notified by S3 when an object is created under the trigger's
 * prefix (the local runner delivers s3rver's events to the same handlers).
 */
export class BucketTriggers extends Construct {
  readonly functions = new Map<string, VoxcitioFunction>();

  constructor(scope: Construct, id: string, props: BucketTriggersProps) {
    super(scope, id);
    for (const trigger of props.triggers) {
      const bucket = props.buckets[trigger.bucket];
      const fn = new VoxcitioFunction(this, `${trigger.name.charAt(0).toUpperCase()}${trigger.name.slice(1)}Function`, {
        entry: join(FUNCTIONS_DIR, `${trigger.handler}.ts`),
        description: `${trigger.bucket}/${trigger.prefix}*: ${trigger.description}`,
        environment: props.environment,
        logRetention: props.logRetention,
        timeout: Duration.seconds(trigger.timeoutSeconds),
        memorySize: 1024,
        ephemeralStorageMiB: trigger.ephemeralStorageMiB,
      });
      if (trigger.table === 'read') props.table.grantReadData(fn);
      if (trigger.table === 'readWrite') props.table.grantReadWriteData(fn);
      grantObjectAccess(fn, bucket, trigger.objects);
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), { prefix: trigger.prefix });
      this.functions.set(trigger.name, fn);
    }
  }
}
