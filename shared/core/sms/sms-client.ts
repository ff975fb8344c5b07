import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { tracer } from '../observability/tracer';

/**
 * One End User Messaging SMS client per execution environment; locally AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2
 * points it at the SMS stand-in.
 */
export const smsClient = tracer.captureAWSv3Client(new PinpointSMSVoiceV2Client({}));
