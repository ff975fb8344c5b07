import { ValidationError } from '../errors';

/**
 * Pagination cursors are DynamoDB start keys, base64url-encoded. A cursor handed back is checked against the
 * query it continues: the same index partition and exactly the key attributes, all strings. A cursor from
 * another query, or one that was edited, is a 400, never a read of some other partition.
 */
export interface PageCursor {
  shape: { partitionKey: string; partitionValue: string; attributes: readonly string[] };
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: PageCursor['shape']): Record<string, string> {
  const invalid = () => new ValidationError([{ path: 'query.cursor', message: 'not a cursor from this listing' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  const sameAttributes =
    entries.length === shape.attributes.length &&
    shape.attributes.every((name) => typeof (key as Record<string, unknown>)[name] === 'string');
  if (!sameAttributes || (key as Record<string, string>)[shape.partitionKey] !== shape.partitionValue) throw invalid();
  return key as Record<string, string>;
}
