import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EDGE_HEADER } from '../../shared/core/http/edge';
import { SECRETS } from '../../shared/core/secrets/secrets';
import { allRoutes } from '../../shared/routes';
import { defaultTemplate, synthApp } from './synth';

const { template, stack } = defaultTemplate();
const resourcesOf = (source: Template, type: string) =>
  source.findResources(type) as Record<string, { Properties: any }>;

describe('the per-client rate limit (edge stack)', () => {
  const { edgeStack } = synthApp();
  const edge = Template.fromStack(edgeStack);
  const [webAcl] = Object.values(resourcesOf(edge, 'AWS::WAFv2::WebACL'));

  it('is a web ACL for CloudFront, in us-east-1 whatever region the city deploys to', () => {
    expect(edgeStack.region).toBe('us-east-1');
    expect(stack.region).toBe('eu-west-2');
    expect(synthApp({ region: 'eu-central-1' }).stack.region).toBe('eu-central-1');
    expect(webAcl?.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('refuses a client address past its requests a minute on the citizen routes only, with the API’s error shape', () => {
    const [rule] = webAcl?.Properties.Rules ?? [];
    expect(rule.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: 120,
      EvaluationWindowSec: 60,
      ScopeDownStatement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: '/s/',
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    });
    const limited = allRoutes.filter((route) => route.limitedPerClient).map((route) => route.path);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((path) => path.startsWith('/s/'))).toBe(true);
    const response = rule.Action.Block.CustomResponse;
    expect(response).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] });
    const body = webAcl?.Properties.CustomResponseBodies[response.CustomResponseBodyKey];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content).error.code).toBe('too_many_requests');
  });

  it('keeps no sampled requests, whose paths would hold citizens’ tokens', () => {
    expect(webAcl?.Properties.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    for (const rule of webAcl?.Properties.Rules ?? []) expect(rule.VisibilityConfig.SampledRequestsEnabled).toBe(false);
  });

  it('takes its limit from the configuration', () => {
    const configured = Template.fromStack(synthApp({ citizenRequestsPerClientPerMinute: '300' }).edgeStack);
    const [acl] = Object.values(resourcesOf(configured, 'AWS::WAFv2::WebACL'));
    expect(acl?.Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(300);
  });
});

describe('the edge in front of the API (CloudFront)', () => {
  const [distribution] = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'));
  const config = distribution?.Properties.DistributionConfig;

  it('carries the edge stack’s web ACL, read across regions', () => {
    expect(config.WebACLId['Fn::GetAtt'][1]).toMatch(/VoxcitioEdge.*PerClientRateLimit/);
  });

  it('forwards everything to the HTTP API over TLS 1.2, caching nothing, and adds the edge secret', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      // Managed policies: CachingDisabled, AllViewerExceptHostHeader (Authorization reaches the API).
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    );
    const [origin] = config.Origins;
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toContain('ApiEndpoint');
    const [header] = origin.OriginCustomHeaders;
    expect(header.HeaderName).toBe(EDGE_HEADER);
    expect(JSON.stringify(header.HeaderValue)).toMatch(/resolve:secretsmanager:.*SecretsEdgeOriginValue/);
  });

  it('writes no access log, which would hold citizens’ tokens', () => {
    expect(config.Logging).toBeUndefined();
  });

  it('lets only the functions of routes limited per client read the edge secret', () => {
    const [edgeSecretId] = Object.entries(resourcesOf(template, 'AWS::SecretsManager::Secret')).find(
      ([, secret]) => secret.Properties.Description === SECRETS.edge.description,
    ) ?? [''];
    const readers = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) =>
        policy.Properties.PolicyDocument.Statement.some((statement: any) =>
          [statement.Resource].flat().some((resource: any) => resource?.Ref === edgeSecretId),
        ),
      )
      .map((policy) => policy.Properties.Roles[0].Ref as string)
      .sort();
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const limitedRoles = allRoutes
      .filter((route) => route.limitedPerClient)
      .map(
        (route) =>
          Object.values(functions).find((fn) =>
            String(fn.Properties.Description).startsWith(`${route.method} ${route.path}:`),
          )?.Properties.Role['Fn::GetAtt'][0],
      )
      .sort();
    expect(readers).toEqual(limitedRoles);
  });
});
