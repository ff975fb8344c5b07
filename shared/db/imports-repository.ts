import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactImport, ImportAnalysis, ImportFailure, ImportSettings } from '../domain/contact-import';

/**
 * Contact imports in the single table (see docs/data-model.md):
 *   import   pk IMPORT#<id>   sk IMPORT   gsi1pk IMPORT   gsi1sk <id>
 */
const importKey = (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' });

/** An upload may be analysed again (a re-upload, or S3 delivering its event twice) until the import starts. */
const ANALYSABLE = ['awaiting_upload', 'awaiting_mapping', 'failed'];

export class ImportsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(contactImport: ContactImport): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...importKey(contactImport.id),
          entity: 'import',
          gsi1pk: 'IMPORT',
          gsi1sk: contactImport.id,
          ...contactImport,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<ContactImport | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: importKey(id) }));
    if (!Item) return undefined;
    const { pk, sk, entity, gsi1pk, gsi1sk, ...contactImport } = Item;
    return contactImport as ContactImport;
  }

  /** Stores how to run the import, on condition that it is still awaiting its mapping; false when not. */
  async recordSettings(id: string, settings: ImportSettings, now: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importKey(id),
          UpdateExpression: 'SET #settings = :settings, #updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status = :awaiting',
          ExpressionAttributeNames: { '#settings': 'settings', '#updatedAt': 'updatedAt', '#status': 'status' },
          ExpressionAttributeValues: { ':settings': settings, ':now': now, ':awaiting': 'awaiting_mapping' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Records an analysis, or a failure; false when the import is no longer waiting for its file. */
  async recordAnalysis(id: string, outcome: { analysis: ImportAnalysis } | { failure: ImportFailure }, now: string) {
    const analysed = 'analysis' in outcome;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importKey(id),
          UpdateExpression: `SET #status = :status, #updatedAt = :now, ${analysed ? '#analysis = :value REMOVE #failure' : '#failure = :value REMOVE #analysis'}`,
          ConditionExpression: 'attribute_exists(pk) AND #status IN (:s0, :s1, :s2)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#updatedAt': 'updatedAt',
            '#analysis': 'analysis',
            '#failure': 'failure',
          },
          ExpressionAttributeValues: {
            ':status': analysed ? 'awaiting_mapping' : 'failed',
            ':now': now,
            ':value': analysed ? outcome.analysis : outcome.failure,
            ':s0': ANALYSABLE[0],
            ':s1': ANALYSABLE[1],
            ':s2': ANALYSABLE[2],
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
