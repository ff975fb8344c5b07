import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { STAFF_TOKEN_SCOPE } from '../../shared/core/http/auth';
import { CORS_ALLOWED_HEADERS, DEFAULT_ROUTE_PATH, type RouteDefinition } from '../../shared/core/routes/route';
import type { DeploymentSecrets } from './deployment-secrets';
import { grantObjectAccess } from './object-access';
import { grantTableItems } from './table-access';
import { VoxcitioFunction } from './voxcitio-function';

const FUNCTIONS_DIR = join(import.meta.dirname, '..', '..', 'functions');

export interface HttpApiProps {
  routes: readonly RouteDefinition[];
  table: ITable;
  secrets: DeploymentSecrets;
  importsBucket: IBucket;
  environment: Record<string, string>;
  jwtIssuer: string;
  jwtAudience: string;
  corsOrigins: string[];
  /** The address in front of the API (CloudFront): citizen links are served there unless config says otherwise. */
  publicUrl: string;
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
}

/**
 * The HTTP API with one Lambda function per declared route. Staff routes sit behind the Cognito JWT
 * authorizer; public routes (health, the OpenAPI document, later the citizen links) have none. The
 * `$default` route answers every unmatched request with JSON. Access logs and throttling on the stage. Clients
 * reach it through the edge (ApiEdge), which routes limited per client insist on.
 */
export class VoxcitioHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions = new Map<string, VoxcitioFunction>();
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Voxcitio API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: CORS_ALLOWED_HEADERS,
        allowCredentials: true,
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const authorizer = new HttpJwtAuthorizer('StaffJwt', props.jwtIssuer, {
      jwtAudience: [props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });

    // Citizen links are served through the edge unless the city serves them from its own address.
    const environment = { CITIZEN_BASE_URL: props.publicUrl, ...props.environment };
    const routeThrottles: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      const fn = new VoxcitioFunction(this, `${pascal(route.name)}Function`, {
        entry: join(FUNCTIONS_DIR, `${route.handler}.ts`),
        description: `${route.method} ${route.path}: ${route.summary}`,
        environment,
        logRetention: props.logRetention,
        ...(route.timeoutSeconds && { timeout: Duration.seconds(route.timeoutSeconds) }),
      });
      grantTableItems(fn, props.table, route.items);
      // What reads the table may page it, and cursors are signed; citizen routes sign device tokens too.
      if (route.table !== 'none') props.secrets.grantSigning(fn);
      if (route.limitedPerClient) props.secrets.grantEdgeCheck(fn);
      // Signing a presigned URL needs the right to do what it lets the browser do.
      grantObjectAccess(fn, props.importsBucket, route.objects);
      this.functions.set(route.name, fn);
      const routeKey =
        route.path === DEFAULT_ROUTE_PATH
          ? HttpRouteKey.DEFAULT
          : HttpRouteKey.with(route.path, HttpMethod[route.method as keyof typeof HttpMethod]);
      this.routes.set(
        route.name,
        new HttpRoute(this, `${pascal(route.name)}Route`, {
          httpApi: this.api,
          routeKey,
          integration: new HttpLambdaIntegration(`${pascal(route.name)}Integration`, fn),
          // The scope only access tokens carry: an ID token is refused (403) before any function runs.
          ...(route.access.kind === 'staff' && { authorizer, authorizationScopes: [STAFF_TOKEN_SCOPE] }),
        }),
      );
      if (route.throttle)
        routeThrottles[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: route.throttle.rateLimit,
          ThrottlingBurstLimit: route.throttle.burstLimit,
        };
    }
    // HttpStage has no per-route throttling of its own; the CloudFormation stage does.
    if (Object.keys(routeThrottles).length > 0)
      (this.stage.node.defaultChild as CfnStage).routeSettings = routeThrottles;
  }

  get url(): string {
    return this.stage.url;
  }
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
