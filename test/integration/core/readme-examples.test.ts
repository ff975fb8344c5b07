import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/core/http/role-names';
import { apiUrl, tokenFor } from '../api-client';

/**
 * The README's examples, run as written against the local stack: every `curl` of its shell blocks that calls
 * the local API, in order, with the token its `npm run token` line mints. Each must succeed.
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const apiBlocks = blocks.filter((block) => /curl [^\n]*localhost:3000/.test(block));

/** A shell line's words, with its quotes taken off (enough for the README's curl lines). */
function words(line: string): string[] {
  const found: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) found.push(match[1] ?? match[2] ?? (match[3] as string));
  return found;
}

interface Example {
  command: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function examplesOf(block: string): { role: Role; examples: Example[] } {
  const role = (/npm run --silent token -- --role (\w+)/.exec(block)?.[1] ?? 'admin') as Role;
  // Lines continued with a backslash, and a quoted body over several lines, are one command.
  const commands = block
    .replace(/\\\n\s*/g, ' ')
    .split(/\n(?=curl )/)
    .map((command) => command.trim())
    .filter((command) => command.startsWith('curl '));
  const examples = commands.map((command) => {
    const parts = words(command.replace(/\s*#.*$/gm, '').replace(/\n\s*/g, ' '));
    const example: Example = { command, method: 'GET', url: '', headers: {} };
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as string;
      if (part === '-X') example.method = parts[++i] as string;
      else if (part === '-H') {
        const [name, ...value] = (parts[++i] as string).split(':');
        example.headers[(name as string).trim().toLowerCase()] = value.join(':').trim();
      } else if (part === '-d') {
        example.body = parts[++i] as string;
        if (example.method === 'GET') example.method = 'POST';
      } else if (part.startsWith('localhost:3000')) example.url = part;
    }
    return example;
  });
  return { role, examples };
}

describe('the README’s examples', () => {
  it('has examples to run', () => {
    expect(apiBlocks.length).toBeGreaterThan(0);
    expect(apiBlocks.flatMap((block) => examplesOf(block).examples).length).toBeGreaterThanOrEqual(4);
  });

  it.each(apiBlocks.map((block, index) => [index + 1, block] as const))(
    'block %i runs as written against the local stack',
    async (_index, block) => {
      const { role, examples } = examplesOf(block);
      const token = await tokenFor(role);
      for (const example of examples) {
        const headers = Object.fromEntries(
          Object.entries(example.headers).map(([name, value]) => [name, value.replace('$TOKEN', token)]),
        );
        const url = example.url.replace('localhost:3000', new URL(apiUrl()).host);
        const response = await fetch(`http://${url}`, {
          method: example.method,
          headers,
          ...(example.body !== undefined && { body: example.body }),
        });
        const text = await response.text();
        expect(response.status, `${example.command}\n→ ${response.status} ${text}`).toBeLessThan(400);
      }
    },
  );
});
