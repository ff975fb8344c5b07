/**
 * What SES's configuration set publishes for an accepted message, by its recipient: the mailbox simulator's
 * addresses bounce or complain as in SES (docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html),
 * every other address is delivered. The records follow SES's event-publishing format (eventType, mail, and
 * bounce, complaint or delivery), which the message-events handler reads in AWS too.
 */
export interface SentMessage {
  messageId: string;
  source: string;
  destination: string[];
  headers: { Name: string; Value: string }[];
  tags: Record<string, string[]>;
}

const SIMULATOR_DOMAIN = '@simulator.amazonses.com';

export function simulatedEvents(messages: SentMessage[], now = new Date()): Record<string, unknown>[] {
  const timestamp = now.toISOString();
  return messages.flatMap((message): Record<string, unknown>[] => {
    const mail = {
      timestamp,
      source: message.source,
      messageId: message.messageId,
      destination: message.destination,
      headersTruncated: false,
      headers: message.headers.map((header) => ({ name: header.Name, value: header.Value })),
      tags: message.tags,
    };
    return message.destination.flatMap((address): Record<string, unknown>[] => {
      const mailbox = address.toLowerCase().endsWith(SIMULATOR_DOMAIN)
        ? address.toLowerCase().slice(0, -SIMULATOR_DOMAIN.length).split('+')[0]
        : undefined;
      if (mailbox === 'bounce' || mailbox === 'suppressionlist')
        return [
          {
            eventType: 'Bounce',
            mail,
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: mailbox === 'bounce' ? 'General' : 'OnAccountSuppressionList',
              bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }],
              timestamp,
              feedbackId: `${message.messageId}-bounce`,
            },
          },
        ];
      const delivery = {
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp,
          recipients: [address],
          processingTimeMillis: 1,
          smtpResponse: '250 2.6.0 Message received',
        },
      };
      if (mailbox === 'complaint')
        return [
          delivery,
          {
            eventType: 'Complaint',
            mail,
            complaint: {
              complainedRecipients: [{ emailAddress: address }],
              timestamp,
              feedbackId: `${message.messageId}-complaint`,
              complaintFeedbackType: 'abuse',
            },
          },
        ];
      return [delivery];
    });
  });
}
