import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportTemplate } from '../domain/import-template';
import { queryAll } from './query-all';
import { INDEXES } from './table-definition';

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

  /** Every template, by name: a city keeps a handful. */
  async list(): Promise<ImportTemplate[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: INDEXES.byKind.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'IMPORT_TEMPLATE' },
    });
    return items.map(({ pk, sk, entity, gsi1pk, gsi1sk, ...template }) => template as ImportTemplate);
  }
}
