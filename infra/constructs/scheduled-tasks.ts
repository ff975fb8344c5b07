import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ScheduledTask } from '../../shared/core/schedules';
import { grantObjectAccess } from './object-access';
import { grantTableItems } from './table-access';
import { VoxcitioFunction } from './voxcitio-function';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', 'functions');
const functionId = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Function`;

export interface ScheduledTasksProps {
  tasks: readonly ScheduledTask[];
  table: ITable;
  importsBucket: IBucket;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/** One function per declared scheduled task, run by an EventBridge rule every so many minutes. */
export class ScheduledTasks extends Construct {
  readonly functions = new Map<string, VoxcitioFunction>();

  constructor(scope: Construct, id: string, props: ScheduledTasksProps) {
    super(scope, id);
    for (const task of props.tasks) {
      const fn = new VoxcitioFunction(this, functionId(task.name), {
        entry: join(FUNCTIONS_DIR, `${task.handler}.ts`),
        description: `every ${task.everyMinutes} min: ${task.description}`,
        environment: props.environment,
        logRetention: props.logRetention,
        timeout: Duration.seconds(task.timeoutSeconds),
      });
      grantTableItems(fn, props.table, task.items);
      grantObjectAccess(fn, props.importsBucket, task.objects);
      new Rule(this, `${functionId(task.name)}Schedule`, {
        description: task.description,
        schedule: Schedule.rate(Duration.minutes(task.everyMinutes)),
        targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
      });
      this.functions.set(task.name, fn);
    }
  }
}
