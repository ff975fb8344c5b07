/**
 * A local stand-in for an AWS service. The local stack starts each in turn and hands the handlers the
 * environment they return (endpoints the AWS SDK reads by itself, such as `AWS_ENDPOINT_URL_S3`), so the
 * handlers run unchanged. A later capability adds its stand-in (S3, SES, queues, state machines) to the list
 * in `local/stack.ts`.
 */
export interface StandIn {
  name: string;
  start(context: StandInContext): Promise<RunningStandIn>;
}

export interface StandInContext {
  /** Where a stand-in may keep data across restarts; undefined when the stack runs in memory. */
  dataDir: string | undefined;
  /** The names of the deployed resources (the table's name, later buckets and queues). */
  resources: { tableName: string };
}

export interface RunningStandIn {
  /** Environment for handlers and tools: typically `AWS_ENDPOINT_URL_<SERVICE>`. */
  environment: Record<string, string>;
  /** One line for the banner `npm start` prints. */
  description: string;
  stop(): Promise<void>;
}
