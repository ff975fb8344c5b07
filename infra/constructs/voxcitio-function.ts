import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import { type CfnRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLING } from '../bundling';

export interface VoxcitioFunctionProps {
  /** Path of the entry file, absolute. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  memorySize?: number;
  timeout?: Duration;
  /** Size of /tmp; Lambda's default (512 MiB) if not given. */
  ephemeralStorageMiB?: number;
  /** Concurrency kept for this function alone, and its ceiling (a queue consumer's). */
  reservedConcurrentExecutions?: number;
}

/**
 * Every Voxcitio Lambda function: the newest Node.js LTS runtime CDK offers, arm64, ESM bundled and minified
 * with source maps, active tracing, and its own log group with the deployment's retention. Its role may write
 * to that log group only (not AWSLambdaBasicExecutionRole's every log group); other permissions are granted
 * per function by whoever creates it.
 */
export class VoxcitioFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: VoxcitioFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.ephemeralStorageMiB && { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB) }),
      ...(props.reservedConcurrentExecutions && { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        externalModules: [...BUNDLING.externalModules],
      },
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): streams and events of its own group.
    // The group exists before the function runs, so the function never creates it.
    (this.role?.node.defaultChild as CfnRole).managedPolicyArns = [];
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:log-stream:*`],
      }),
    );
  }
}
