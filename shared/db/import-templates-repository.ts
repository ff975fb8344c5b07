import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportTemplate } from '../domain/import-template';

/**
 * Import templates in the single table (see docs/data-model.md):
 *   template   pk IMPORT_TEMPLATE#<name, lower case>   sk TEMPLATE   gsi1pk IMPORT_TEMPLATE   gsi1sk <name, lower case>
 * A name is unique regardless of case, held by the conditional put.
 */
const templateKey = (name: string) => ({ pk: `IMPORT_TEMPLATE#${name.toLowerCase()}`, sk: 'TEMPLATE' });

export class TemplateNameTakenError extends Error {}

export class ImportTemplatesRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(template: ImportTemplate): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...templateKey(template.name),
            entity: 'importTemplate',
            gsi1pk: 'IMPORT_TEMPLATE',
            gsi1sk: template.name.toLowerCase(),
            ...template,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new TemplateNameTakenError(template.name);
      throw error;
    }
  }

  /** Every template, by name. A city keeps a handful; the listing reads them all, page by page. */
  async list(): Promise<ImportTemplate[]> {
    const templates: ImportTemplate[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'IMPORT_TEMPLATE' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk, sk, entity, gsi1pk, gsi1sk, ...template } = item;
        templates.push(template as ImportTemplate);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return templates;
  }
}
