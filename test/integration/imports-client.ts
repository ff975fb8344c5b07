import { expect, onTestFailed } from 'vitest';
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
export async function analysed(id: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await call('GET', `/imports/${id}`, { role: 'viewer' });
    if (body.status !== 'awaiting_upload') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} was not analysed within 10 s`);
}

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

export async function waitUntilCompleted(id: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { body } = await call('GET', `/imports/${id}`, { role: 'viewer' });
    if (body.status === 'completed') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not complete within 60 s`);
}
