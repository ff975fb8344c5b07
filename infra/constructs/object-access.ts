import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ObjectAccess } from '../../shared/core/files/buckets';

/** Exactly the object actions a function declares, on its prefixes only: s3:GetObject to read, s3:PutObject to write. */
export function grantObjectAccess(fn: IFunction, bucket: IBucket, objects: ObjectAccess | undefined): void {
  for (const [action, prefixes] of [
    ['s3:GetObject', objects?.read ?? []],
    ['s3:PutObject', objects?.write ?? []],
  ] as const) {
    if (prefixes.length === 0) continue;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [action],
        resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
      }),
    );
  }
}

export const objectPrefixes = (objects: ObjectAccess | undefined) => [
  ...new Set([...(objects?.read ?? []), ...(objects?.write ?? [])]),
];
