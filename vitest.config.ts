import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          globalSetup: ['test/support/generated-contacts.setup.ts'],
          setupFiles: ['test/support/signing-secret.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One local stack (DynamoDB Local + the API) per run, on free ports.
          globalSetup: ['test/support/generated-contacts.setup.ts', 'test/integration/local-stack.setup.ts'],
          // Every test waits on the stack, which a busy 2-core machine slows several times over; tests that
          // run whole imports set larger budgets of their own (test/support/eventually.ts).
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
