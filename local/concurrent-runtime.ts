/**
 * Imported first by the local runner, before any Powertools module: one process runs many invocations at
 * once here, as Lambda's multi-concurrency runtime does, and Powertools (through @aws/lambda-invoke-store)
 * picks its per-invocation store when it first loads, by whether AWS_LAMBDA_MAX_CONCURRENCY is set. Set later,
 * every invocation would share one context (handler-loader.ts, invoke).
 */
process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
