import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { indexPage } from '../core/db/collection-page';
import { ITEM_IS_NEW } from '../core/db/entity';
import { queryAll } from '../core/db/query-all';
import { cancellationReasons } from '../core/db/transactions';
import { templateSlug } from '../core/files/buckets';
import { importTemplateEntity, templateSlugEntity } from './entities';
import type { ImportTemplate } from './import-template';

/**
 * Import templates in the single table (keys in ./entities.ts, access patterns in docs/data-model.md). A name is unique regardless of case, and so is its drop folder (drop/<slug>/): both are held by the
 * conditions of one transaction, so "Nightly CRM" and "nightly-crm" cannot both take drop/nightly-crm/.
 */

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
                Item: importTemplateEntity.item(template),
                ConditionExpression: ITEM_IS_NEW,
              },
            },
            // A name with no letter or digit of the Latin alphabet has no drop folder to claim.
            ...(slug === ''
              ? []
              : [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: templateSlugEntity.item({ slug, name: template.name }),
                      ConditionExpression: ITEM_IS_NEW,
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

  /** Templates by name, a page at a time. */
  async page(limit: number, cursor?: string): Promise<{ items: ImportTemplate[]; nextCursor?: string }> {
    const page = await indexPage(this.client, this.tableName, {
      entity: importTemplateEntity,
      role: 'byKind',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => importTemplateEntity.read(item)) };
  }

  /** Every template, by name, for matching a file's header or a drop folder: a city keeps a handful. */
  async list(): Promise<ImportTemplate[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...importTemplateEntity.queryIndex('byKind'),
    });
    return items.map((item) => importTemplateEntity.read(item));
  }
}
