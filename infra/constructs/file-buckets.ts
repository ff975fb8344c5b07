import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  DROP_FOLDER_PREFIX,
  IMPORT_REPORTS_PREFIX,
  IMPORT_UPLOADS_PREFIX,
  SEGMENT_COUNTS_PREFIX,
  SURVEY_EXPORTS_PREFIX,
  SURVEY_LINKS_PREFIX,
} from '../../shared/core/files/buckets';

/**
 * The buckets the platform needs, all private, SSL-only and encrypted, with server access logs:
 * imports (contact CSV uploads, error reports) and the access-log bucket itself.
 */
export class FileBuckets extends Construct {
  readonly imports: Bucket;
  readonly accessLogs: Bucket;

  constructor(
    scope: Construct,
    id: string,
    props: { dataRetentionDays: number; surveyFilesRetentionDays: number; corsOrigins: string[] },
  ) {
    super(scope, id);
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.imports = new Bucket(this, 'Imports', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'imports/',
      // Browsers upload CSV files straight to S3 with a presigned POST.
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: props.corsOrigins, allowedHeaders: ['*'] }],
      lifecycleRules: [
        { prefix: IMPORT_UPLOADS_PREFIX, expiration: Duration.days(props.dataRetentionDays) },
        { prefix: DROP_FOLDER_PREFIX, expiration: Duration.days(props.dataRetentionDays) },
        // Error reports hold the rejected rows whole: personal data, kept no longer than the uploads.
        { prefix: IMPORT_REPORTS_PREFIX, expiration: Duration.days(props.dataRetentionDays) },
        // Minted link files hold live tokens, and exports hold answers: they are handed over, not kept.
        { prefix: SURVEY_LINKS_PREFIX, expiration: Duration.days(props.surveyFilesRetentionDays) },
        { prefix: SURVEY_EXPORTS_PREFIX, expiration: Duration.days(props.surveyFilesRetentionDays) },
        // A segment-count job object starts its part and is never read again; one is written per count part.
        { prefix: SEGMENT_COUNTS_PREFIX, expiration: Duration.days(1) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
