import { expect, onTestFailed } from 'vitest';
import { eventually } from '../support/eventually';
import { call } from './api-client';

export async function createImport(fileName = 'contacts.csv') {
  const created = await call('POST', '/imports', { role: 'manager', json: { fileName } });
  expect(created.status).toBe(201);
  // Test files share one DynamoDB Local, and generated files of different seeds share people: contacts a
  // failed test leaves behind would change other files' counts. A passing test undoes its own imports.
  onTestFailed(async () => {
    await call('POST', `/imports/${created.body.import.id}/undo`, { role: 'manager' }).catch(() => undefined);
  });
  return created.body as {
    import: { id: string; status: string };
    upload: { url: string; fields: Record<string, string>; maxBytes: number };
  };
}

/** Uploads as a browser does with the presigned POST: the policy fields, then the file. */
export async function upload(created: Awaited<ReturnType<typeof createImport>>, bytes: Uint8Array) {
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'contacts.csv');
  const response = await fetch(created.upload.url, { method: 'POST', body: form });
  expect(response.status).toBeLessThan(300);
}

/** The import once its upload has been analysed (S3 event → analysis function). */
export const analysed = (id: string) =>
  eventually(
    `the upload of import ${id} to be analysed`,
    () => importById(id),
    (body) => body.status !== 'awaiting_upload',
  );

/** The import as a viewer sees it. */
export const importById = async (id: string) => (await call('GET', `/imports/${id}`, { role: 'viewer' })).body;

/** Uploads, maps as suggested, starts, and waits for the import to finish. */
export async function importFile(bytes: Uint8Array, mode: 'create' | 'update' | 'fill' = 'create') {
  const created = await createImport();
  await upload(created, bytes);
  const contactImport = await analysed(created.import.id);
  expect(contactImport.status).toBe('awaiting_mapping');
  const mapped = await call('PUT', `/imports/${contactImport.id}/mapping`, {
    role: 'manager',
    json: { mapping: contactImport.analysis.suggestedMapping, mode, consentSource: 'test import' },
  });
  expect(mapped.status).toBe(200);
  const started = await call('POST', `/imports/${contactImport.id}/start`, { role: 'manager' });
  expect(started.status).toBe(202);
  expect(started.body.status).toBe('importing');
  return waitUntilCompleted(contactImport.id);
}

/** The import once it has stopped importing, which must be because it completed. */
export async function waitUntilCompleted(id: string) {
  const body = await eventually(
    `import ${id} to finish`,
    () => importById(id),
    (body) => body.status !== 'importing',
  );
  expect(body, `import ${id} ended otherwise than completed`).toMatchObject({ status: 'completed' });
  return body;
}

/** The import once its status satisfies `until`. */
export const importWhen = (id: string, what: string, until: (body: any) => boolean) =>
  eventually(`import ${id}: ${what}`, () => importById(id), until);
