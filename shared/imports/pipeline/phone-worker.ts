import { parentPort } from 'node:worker_threads';
import { normalisePhone } from '../../contacts/contact';

/** Validates batches of phone numbers for the pipeline on another core: E.164, or null when invalid. */
parentPort?.on('message', ({ id, phones, country }: { id: number; phones: string[]; country: string }) => {
  parentPort?.postMessage({
    id,
    results: phones.map((phone) => (phone === '' ? null : (normalisePhone(phone, country) ?? null))),
  });
});
