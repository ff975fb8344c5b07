import { Fn } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EDGE_HEADER } from '../../shared/core/http/edge';

export interface ApiEdgeProps {
  api: HttpApi;
  /** The per-client rate limit (a WAF web ACL in us-east-1). */
  webAclArn: string;
  /** Its value goes with every forwarded request, so that routes limited per client know it came this way. */
  edgeSecret: ISecret;
}

/**
 * A CloudFront distribution in front of the HTTP API, carrying the WAF per-client rate limit: the address
 * staff and citizens use. Nothing is cached (every answer is personal or live); every viewer header but Host
 * reaches the API (Authorization included, which CloudFront allows when nothing is cached), and the edge
 * secret is added as an origin header, replacing any a client sent under that name.
 */
export class ApiEdge extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    // https://{api-id}.execute-api.{region}.amazonaws.com: the host is the third part.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Voxcitio API, with the per-client rate limit on citizen links',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: false,
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          customHeaders: { [EDGE_HEADER]: props.edgeSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
