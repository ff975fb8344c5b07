import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../core/db/query-all';
import { INDEXES } from '../core/db/table-definition';
import { cancellationReasons } from '../core/db/transactions';
import { templateSlug } from '../core/files/buckets';
import type { ImportTemplate } from './import-template';

/**
 * Import templates in the single table (see docs/data-model.md):
 *   template   pk IMPORT_TEMPLATE#<name, lower case>   sk TEMPLATE   gsi1pk IMPORT_TEMPLATE   gsi1sk <name, lower case>
 *   drop folder claim   pk IMPORT_TEMPLATE_SLUG#<slug>   sk CLAIM   name
 * A name is unique regardless of case, and so is its drop folder (drop/<slug>/): both are held by the
 * conditions of one transaction, so "Nightly CRM" and "nightly-crm" cannot both take drop/nightly-crm/.
 */
const templateKey = (name: string) => ({ pk: `IMPORT_TEMPLATE#${name.toLowerCase()}`, sk: 'TEMPLATE' });
const slugClaimKey = (slug: string) => ({ pk: `IMPORT_TEMPLATE_SLUG#${slug}`, sk: 'CLAIM' });

export class TemplateNameTakenError extends Error {}

/** Another template's name makes the same drop folder. */
export class TemplateSlugTakenError extends Error {
  constructor(
    readonly slug: string,
    readonly heldBy: string | undefined,
  ) {
    super(`drop/${slug}/ belongs to template ${heldBy ?? 'another template'}`);
  }
}

export class ImportTemplatesRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(template: ImportTemplate): Promise<void> {
    const slug = templateSlug(template.name);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...templateKey(template.name),
                  entity: 'importTemplate',
                  gsi1pk: 'IMPORT_TEMPLATE',
                  gsi1sk: template.name.toLowerCase(),
                  ...template,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            // A name with no letter or digit of the Latin alphabet has no drop folder to claim.
            ...(slug === ''
              ? []
              : [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: { ...slugClaimKey(slug), entity: 'importTemplateSlug', name: template.name },
                      ConditionExpression: 'attribute_not_exists(pk)',
                      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                    },
                  },
                ]),
          ],
        }),
      );
    } catch (error) {
      const [name, folder] = cancellationReasons(error) ?? [];
      if (name?.Code === 'ConditionalCheckFailed') throw new TemplateNameTakenError(template.name);
      if (folder?.Code === 'ConditionalCheckFailed')
        throw new TemplateSlugTakenError(slug, folder.Item && (unmarshall(folder.Item).name as string));
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
