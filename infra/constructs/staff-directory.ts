import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/core/http/role-names';

/**
 * Staff accounts: a Cognito user pool with no self sign-up (administrators create accounts), TOTP MFA
 * required of every account (each can read personal data; Cognito cannot require it per group), one group per
 * role, and an app client for the hosted frontend.
 */
export class StaffDirectory extends Construct {
  readonly userPool: UserPool;
  readonly frontendClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: { cityName: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `voxcitio-staff-${props.cityName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.ESSENTIALS,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: `Your ${props.cityName} Voxcitio account`,
        emailBody: `You have a Voxcitio account for ${props.cityName}. Sign in as {username} with the temporary password {####}.`,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    ROLES.forEach((role, precedence) => {
      new UserPoolGroup(this, `${role}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: `Voxcitio ${role}`,
        // Lower precedence wins in Cognito: the strongest role first.
        precedence: ROLES.length - precedence,
      });
    });
    this.frontendClient = this.userPool.addClient('FrontendClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }

  get issuerUrl(): string {
    return `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
