import { describe, expect, it, vi } from 'vitest';
import { ASYNC_ATTEMPTS, invokeAsynchronously, LAMBDA_RETRY_DELAYS_MS } from '../../../local/async-invocation';

const event = { Records: [{ s3: { object: { key: 'jobs/x/0.json' } } }] };

describe('the local runner’s asynchronous invocations', () => {
  it('wait before each retry as Lambda does: about a minute, then about two', async () => {
    expect(LAMBDA_RETRY_DELAYS_MS).toEqual([60_000, 120_000]);
    vi.useFakeTimers();
    try {
      const calls: number[] = [];
      const handler = vi.fn(async () => {
        calls.push(Date.now());
        throw new Error('table down');
      });
      const delivered = invokeAsynchronously(
        { name: 'job', handler, timeoutMs: 1000 },
        event,
        { name: 'failures', handler: vi.fn(), timeoutMs: 1000 },
        () => undefined,
      );
      await vi.advanceTimersByTimeAsync(59_000);
      expect(handler).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(handler).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(await delivered).toBe(false);
      expect(calls.map((at) => at - (calls[0] as number))).toEqual([0, 60_000, 180_000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stop at the first attempt that succeeds, without the on-failure destination', async () => {
    const handler = vi.fn().mockRejectedValueOnce(new Error('flaky')).mockResolvedValueOnce(undefined);
    const onFailure = vi.fn();
    const delivered = await invokeAsynchronously(
      { name: 'job', handler, timeoutMs: 1000 },
      event,
      { name: 'failures', handler: onFailure, timeoutMs: 1000 },
      () => undefined,
      [0, 0],
    );
    expect(delivered).toBe(true);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('after the last failed attempt send Lambda’s invocation record, with the event and last error', async () => {
    const handler = vi
      .fn()
      .mockRejectedValueOnce(new Error('first'))
      .mockRejectedValue(new Error('Task timed out after 900.00 seconds'));
    const onFailure = vi.fn();
    const lines: string[] = [];
    const delivered = await invokeAsynchronously(
      { name: 'job', handler, timeoutMs: 1000 },
      event,
      { name: 'failures', handler: onFailure, timeoutMs: 1000 },
      (line) => lines.push(line),
      [0, 0],
    );
    expect(delivered).toBe(false);
    expect(handler).toHaveBeenCalledTimes(ASYNC_ATTEMPTS);
    expect(onFailure).toHaveBeenCalledOnce();
    expect(onFailure.mock.calls[0]?.[0]).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responsePayload: { errorType: 'Error', errorMessage: 'Task timed out after 900.00 seconds' },
    });
    expect(lines.at(-1)).toBe('job gave up after 3 attempts -> failures');
  });

  it('say so when the on-failure destination fails too', async () => {
    const lines: string[] = [];
    await invokeAsynchronously(
      { name: 'job', handler: vi.fn().mockRejectedValue(new Error('down')), timeoutMs: 1000 },
      event,
      { name: 'failures', handler: vi.fn().mockRejectedValue(new Error('table gone')), timeoutMs: 1000 },
      (line) => lines.push(line),
      [0, 0],
    );
    expect(lines.at(-1)).toMatch(/failures failed too: Error: table gone/);
  });
});
