/**
 * The secrets of a deployment, declared once: the CDK stack creates each in Secrets Manager with a generated
 * value and passes its ARN in the environment variable named here; the local runner's Secrets Manager
 * stand-in serves a value of its own under the same name.
 */
export const SECRETS = {
  signing: {
    logicalName: 'voxcitio-signing-key',
    environmentVariable: 'SIGNING_SECRET_ID',
    description: 'Voxcitio: signs pagination cursors and device tokens (HMAC)',
  },
  edge: {
    logicalName: 'voxcitio-edge-origin',
    environmentVariable: 'EDGE_SECRET_ID',
    description:
      'Voxcitio: the value CloudFront adds to each request it forwards, so that routes limited per client refuse requests that went round it',
  },
} as const;
export type SecretName = keyof typeof SECRETS;
