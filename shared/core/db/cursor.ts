import { ValidationError } from '../errors';
import { signer } from '../secrets/signing';

/**
 * Pagination cursors are DynamoDB start keys, base64url-encoded and signed (core/secrets/signing.ts), so
 * they are opaque to clients and tamper-evident: an edited or invented cursor is a 400 before any read. A
 * signed cursor is checked against the query it continues too (the same index partition and exactly the key
 * attributes), so one from another listing is a 400 as well, never a read of some other partition.
 */
export interface PageCursor {
  shape: { partitionKey: string; partitionValue: string; attributes: readonly string[] };
}

export async function encodeCursor(key: Record<string, unknown>): Promise<string> {
  return (await signer('cursor')).sign(Buffer.from(JSON.stringify(key), 'utf8').toString('base64url'));
}

export async function decodeCursor(cursor: string, shape: PageCursor['shape']): Promise<Record<string, string>> {
  const invalid = () => new ValidationError([{ path: 'query.cursor', message: 'not a cursor from this listing' }]);
  const payload = (await signer('cursor')).verify(cursor);
  if (payload === undefined) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
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
