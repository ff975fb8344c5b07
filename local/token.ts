import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../shared/core/http/role-names';
import { DEFAULT_DATA_DIR } from './deployment-config-file';
import { loadOrCreateSigningKey, mintToken } from './local-auth';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'admin' },
    username: { type: 'string' },
    hours: { type: 'string', default: '8' },
    'data-dir': { type: 'string' },
  },
});
const role = values.role ?? 'admin';
if (!isRole(role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
  process.exit(2);
}
const keys = await loadOrCreateSigningKey(values['data-dir'] ?? DEFAULT_DATA_DIR);
const token = await mintToken(keys, {
  role,
  ...(values.username && { username: values.username }),
  expiresInSeconds: Number(values.hours) * 3600,
});
process.stdout.write(`${token}\n`);
