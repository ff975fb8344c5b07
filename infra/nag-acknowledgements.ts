import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { allRoutes } from '../shared/api/routes';
import type { VoxcitioStack } from './voxcitio-stack';

/**
 * Every AwsSolutions finding this app accepts, each on the narrowest construct it applies to and with the
 * reason it stands. Anything not listed here fails synth, and the infrastructure tests.
 */
export function acknowledgeNagFindings(stack: VoxcitioStack): void {
  const tableArn = `<${Stack.of(stack).getLogicalId(stack.dataStore.table.node.defaultChild as CfnResource)}.Arn>`;

  for (const fn of stack.httpApi.functions.values()) {
    Validations.of(fn).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole grants only CreateLogGroup/CreateLogStream/PutLogEvents, which every function needs; a hand-written copy would drift from AWS’s.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active X-Ray tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
      },
    );
  }
  for (const route of allRoutes) {
    const fn = stack.httpApi.functions.get(route.name);
    if (!fn || route.table === 'none') continue;
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
      reason:
        'Queries use the table’s generic indexes (gsi1..gsiN, docs/data-model.md); the wildcard covers only the indexes of this one table.',
    });
  }

  for (const name of ['health', 'openApi', 'notFound']) {
    const route = stack.httpApi.routes.get(name);
    if (route)
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: the liveness check, the API description and the JSON 404/405 for unmatched requests reveal no data; staff routes use the Cognito JWT authorizer.',
      });
  }

  Validations.of(stack.staff.userPool).acknowledge(
    {
      id: 'AwsSolutions-COG2',
      reason:
        'TOTP MFA is offered to every staff account but not forced: Cognito cannot require MFA per group, and forcing it pool-wide is a city’s choice (see README, Security). Accounts are admin-created only.',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per active user; a city can switch the plan on without code changes. Essentials keeps the password policy, MFA and admin-only sign-up.',
    },
  );
}
