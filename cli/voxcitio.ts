import { constants, openAsBlob } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR } from '../local/deployment-config-file';
import { loadOrCreateSigningKey, mintToken } from '../local/local-auth';
import type { ContactImport, ImportAnalysis } from '../shared/imports/contact-import';
import type { ImportMapping } from '../shared/imports/import-mapping';
import { type ImportTemplate, templateMapping } from '../shared/imports/import-template';

const USAGE = `Usage: npm run cli -- import FILE [options]
       npm run cli -- campaign ID [--wait] [--json]

import    uploads a contacts CSV through the Voxcitio API, maps it, imports it.
campaign  shows a campaign's counts; with --wait, follows it with a progress bar until it is sent,
          paused or cancelled.

  --template NAME     map with a saved template (default: the suggested mapping, which is a matching
                      template's if one fits the file's headers)
  --auto-map          map as suggested (the default)
  --country CC        default country for national phone numbers (default: the suggestion's)
  --mode MODE         create | update | fill: what to do with people who are contacts already (default:
                      the template's, else create)
  --tag TAG           add this tag to every imported contact (repeatable; default: the template's tags)
  --opt-in HEADER     the consent column HEADER is an opt-in: yes grants consent (repeatable)
  --opt-out HEADER    the consent column HEADER is an opt-out: yes refuses it (repeatable); the analysis
                      asks for one of these when a header does not say
  --wait              wait for the import (or campaign) to finish, with a progress bar on stderr
  --json              print the import's (or campaign's) final state as JSON on stdout
  --api URL           a deployed API (default: the local stack, http://localhost:$PORT or 3000)
  --token TOKEN       a bearer token for --api (default: a local manager token)
  --help              this text`;

class CliError extends Error {}

const OPTIONS = {
  template: { type: 'string' },
  'auto-map': { type: 'boolean', default: false },
  country: { type: 'string' },
  mode: { type: 'string' },
  tag: { type: 'string', multiple: true, default: [] as string[] },
  'opt-in': { type: 'string', multiple: true, default: [] as string[] },
  'opt-out': { type: 'string', multiple: true, default: [] as string[] },
  wait: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  api: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', default: false },
} satisfies ParseArgsOptionsConfig;

/** The command line, or one line saying what is wrong with it. */
function readArguments() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new CliError(`${(error as Error).message} (npm run cli -- --help lists the options)`);
  }
}

interface ApiErrorBody {
  message?: string;
  error?: { message?: string; issues?: { path: string; message: string }[] };
}
interface CreatedImport {
  import: ContactImport;
  upload: { url: string; fields: Record<string, string> };
}

/**
 * The suggested mapping with the analysis's consent questions answered from --opt-in and --opt-out; a
 * question left unanswered stops the import, saying how to answer it (consent is never guessed).
 */
function answerChoices(
  mapping: ImportMapping,
  choices: ImportAnalysis['choices'],
  optIn: readonly string[],
  optOut: readonly string[],
): ImportMapping {
  const columns = [...mapping.columns];
  const unanswered: string[] = [];
  const named = (list: readonly string[], header: string) =>
    list.some((given) => given.trim().toLowerCase() === header.trim().toLowerCase());
  for (const choice of choices) {
    const polarity = named(optIn, choice.header) ? 'opt_in' : named(optOut, choice.header) ? 'opt_out' : undefined;
    const option = choice.options.find(
      (candidate) => candidate.target.kind === 'field' && candidate.target.polarity === polarity,
    );
    if (polarity && option) columns[choice.column] = option.target;
    else unanswered.push(`${choice.question} Say --opt-in "${choice.header}" or --opt-out "${choice.header}".`);
  }
  if (unanswered.length > 0) throw new CliError(unanswered.join('\n'));
  return { ...mapping, columns };
}

/** Says, before the import, when the default country reads the file's phone numbers worse than another. */
function warnOfPhoneCountry(proposal: ImportAnalysis['phoneCountry'], chosen: string): void {
  if (!proposal) return;
  const fitOf = (country: string) => proposal.fits.find((fit) => fit.country === country);
  const best = proposal.fits[0];
  const mine = fitOf(chosen);
  if (best && best.country !== chosen && (!mine || mine.valid < best.valid))
    process.stderr.write(
      `Warning: ${best.valid} of ${best.of} phone numbers are valid in ${best.country}, ${mine?.valid ?? 'fewer'} in ${chosen}; --country ${best.country} would read them so.\n`,
    );
  else if (proposal.warning) process.stderr.write(`Warning: ${proposal.warning}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = readArguments();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, subject] = positionals;
  if (!subject || (command !== 'import' && command !== 'campaign')) throw new CliError(USAGE);
  if (command === 'import') await checkImportable(subject, values);
  if (values.api && !values.token) throw new CliError('--api needs --token');
  const api = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const token =
    values.token ??
    (await mintToken(await loadOrCreateSigningKey(DEFAULT_DATA_DIR), { role: 'manager', username: 'cli' }));
  const call = apiCaller(api, token);
  if (command === 'campaign') return followCampaign(subject, values, call);
  return importFile(subject, values, call);
}

type Values = ReturnType<typeof readArguments>['values'];
type Call = <T = ContactImport>(method: string, path: string, body?: unknown) => Promise<T>;

/** Nothing is created (not even a local token's key) before the file is known to be readable. */
async function checkImportable(file: string, values: Values): Promise<void> {
  if (values.mode !== undefined && !['create', 'update', 'fill'].includes(values.mode))
    throw new CliError(`--mode must be create, update or fill`);
  await access(file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!(await stat(file)).isFile()) throw new CliError(`${file} is not a file`);
}

async function importFile(file: string, values: Values, call: Call): Promise<void> {
  const created = await call<CreatedImport>('POST', '/imports', { fileName: basename(file) });
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', await openAsBlob(file), basename(file));
  const uploaded = await fetch(created.upload.url, { method: 'POST', body: form });
  if (!uploaded.ok) throw new CliError(`The upload was refused (${uploaded.status}): ${await uploaded.text()}`);
  progress(`Uploaded ${basename(file)} as import ${created.import.id}`);

  let contactImport = await poll(
    () => call('GET', `/imports/${created.import.id}`),
    (i) => i.status !== 'awaiting_upload',
  );
  const { analysis } = contactImport;
  if (contactImport.status === 'failed' || !analysis) {
    if (values.json) process.stdout.write(`${JSON.stringify(contactImport, null, 2)}\n`);
    throw new CliError(`The file cannot be imported: ${contactImport.failure?.message ?? contactImport.status}`);
  }

  let mapping = analysis.suggestedMapping;
  let template: ImportTemplate | undefined;
  if (values.template) {
    const templates = await everyTemplate(call);
    template = templates.find((candidate) => candidate.name.toLowerCase() === values.template?.toLowerCase());
    if (!template)
      throw new CliError(
        `No template named "${values.template}"; there are: ${templates.map((t) => t.name).join(', ') || 'none'}`,
      );
    mapping = templateMapping(template, analysis.header);
  }
  if (!template) mapping = answerChoices(mapping, analysis.choices, values['opt-in'], values['opt-out']);
  if (values.country) mapping = { ...mapping, defaultCountry: values.country.toUpperCase() };
  warnOfPhoneCountry(analysis.phoneCountry, mapping.defaultCountry);
  // A template applies whole (its mode, tags and consent source, as the drop folder applies them); what the
  // command line says overrides it.
  await call('PUT', `/imports/${created.import.id}/mapping`, {
    mapping,
    mode: values.mode ?? template?.mode ?? 'create',
    addTags: values.tag.length > 0 ? values.tag : (template?.addTags ?? []),
    consentSource: template?.consentSource ?? `import of ${basename(file)}`,
  });
  contactImport = await call('POST', `/imports/${created.import.id}/start`);
  progress(`Import ${created.import.id} started`);

  if (values.wait) {
    contactImport = await poll(
      () => call('GET', `/imports/${created.import.id}`),
      (i) => i.status !== 'importing',
      (i) => bar(i.progress?.percentOfBytes ?? 0, i.progress?.records ?? 0),
    );
    process.stderr.write('\n');
  }
  if (values.json) process.stdout.write(`${JSON.stringify(contactImport, null, 2)}\n`);
  else describe(contactImport);
  if (contactImport.status === 'failed') process.exitCode = 1;
}

interface CampaignState {
  id: string;
  name: string;
  status: string;
  pausedReason?: string;
  counts: Record<string, number> & { queued: number; sent: number; failed: number; skipped: number };
  progress: { perSecond: number; secondsLeft: number | null };
}

/** A campaign's counts; with --wait, followed with a bar until it stops sending. Paused or cancelled exits 1. */
async function followCampaign(id: string, values: Values, call: Call): Promise<void> {
  const read = () => call<CampaignState>('GET', `/campaigns/${encodeURIComponent(id)}`);
  const sending = (campaign: CampaignState) => campaign.status === 'sending' || campaign.status === 'scheduled';
  const campaign = values.wait ? await poll(read, (c) => !sending(c), campaignBar) : await read();
  if (values.wait && process.stderr.isTTY) process.stderr.write('\n');
  if (values.json) process.stdout.write(`${JSON.stringify(campaign, null, 2)}\n`);
  else progress(`Campaign “${campaign.name}” is ${campaign.status}: ${campaignLine(campaign)}`);
  if (campaign.pausedReason) progress(`Paused: ${campaign.pausedReason}`);
  if (campaign.status === 'paused' || campaign.status === 'cancelled') process.exitCode = 1;
}

function campaignLine({ counts, progress: rate }: CampaignState): string {
  const left = rate.secondsLeft === null ? '' : `, about ${rate.secondsLeft} s left`;
  return `${counts.sent} sent, ${counts.delivered ?? 0} delivered, ${counts.bounced ?? 0} bounced, ${counts.complained ?? 0} complained, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.queued} queued (${rate.perSecond}/s${left})`;
}

function campaignBar(campaign: CampaignState) {
  const { sent, failed, skipped, queued } = campaign.counts;
  const done = sent + failed + skipped;
  const percent = done + queued > 0 ? (done / (done + Math.max(0, queued))) * 100 : 0;
  if (!process.stderr.isTTY) {
    if (Date.now() - lastProgressLine < PROGRESS_LINE_MS) return;
    lastProgressLine = Date.now();
    return progress(`Sending: ${percent.toFixed(1)}%, ${campaignLine(campaign)}`);
  }
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(1)}%  ${campaignLine(campaign)}`,
  );
}

/** Calls the API with the token; an error answer becomes one line saying what the API said, field by field. */
function apiCaller(api: string, token: string): Call {
  return async <T = ContactImport>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }).catch((error: Error) => {
      throw new CliError(
        `Cannot reach ${api} (${error.cause ?? error.message}). Is the local stack running (npm start)?`,
      );
    });
    const payload = (await response.json().catch(() => ({}))) as ApiErrorBody;
    if (!response.ok)
      throw new CliError(
        `${method} ${path} answered ${response.status}: ${payload.error?.message ?? payload.message ?? ''}${
          payload.error?.issues
            ? `\n${payload.error.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`
            : ''
        }`,
      );
    return payload as T;
  };
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, onEach?: (value: T) => void): Promise<T> {
  for (;;) {
    const value = await read();
    onEach?.(value);
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function progress(line: string) {
  process.stderr.write(`${line}\n`);
}

/** Without a terminal, a line every few seconds instead of the bar, so a log shows the import is moving. */
const PROGRESS_LINE_MS = 5000;
let lastProgressLine = 0;

function bar(percent: number, records: number) {
  if (!process.stderr.isTTY) {
    if (Date.now() - lastProgressLine < PROGRESS_LINE_MS) return;
    lastProgressLine = Date.now();
    return progress(`Importing: ${percent.toFixed(1)}% of the file, ${records} records`);
  }
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(1)}%  ${records} records`,
  );
}

function describe(contactImport: ContactImport) {
  const s = contactImport.summary;
  if (!s) return progress(`Import ${contactImport.id} is ${contactImport.status}.`);
  progress(
    `Import ${contactImport.id} ${contactImport.status}: ${s.records} records, ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.duplicate_records} duplicates merged, ${s.rejected_records} rejected.`,
  );
  const warnings = Object.entries(s.warnings ?? {}).filter(([, count]) => count > 0);
  if (warnings.length > 0) progress(`Warnings: ${warnings.map(([reason, count]) => `${reason}: ${count}`).join(', ')}`);
  if (contactImport.errorReportUrl) progress(`Rejected rows: ${contactImport.errorReportUrl}`);
}

main().catch((error: unknown) => {
  // One clear line, never a stack trace: the error's own message says what went wrong.
  process.stderr.write(`${error instanceof CliError ? error.message : `Error: ${(error as Error).message}`}\n`);
  process.exitCode = 2;
});

/** Every saved template, page by page (a city keeps a handful; the bound only guards against a loop). */
async function everyTemplate(call: <T>(method: string, path: string) => Promise<T>): Promise<ImportTemplate[]> {
  const templates: ImportTemplate[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call<{ items: ImportTemplate[]; nextCursor?: string }>('GET', `/import-templates?${query}`);
    templates.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return templates;
}
