import { describe, expect, it } from 'vitest';
import { SendPacer } from '../../../shared/campaigns/send-pacer';

/** A pacer on a clock the test moves: sleeping advances it. */
function pacedClock(concurrency: number) {
  let now = 0;
  const pacer = new SendPacer(
    concurrency,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  return {
    pacer,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the send pacer', () => {
  it('keeps one invocation to its share of the rate, across invocations', async () => {
    const { pacer, now } = pacedClock(2);
    const sentAt: number[] = [];
    for (let invocation = 0; invocation < 3; invocation++) {
      const lane = await pacer.lane();
      for (let call = 0; call < 2; call++) {
        await lane.pace(7, 14);
        sentAt.push(now());
      }
      lane.release();
    }
    // 14 per second shared by 2: 7 each, so one call of 7 a second, whichever invocation makes it.
    expect(sentAt).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('makes up a call that went late by the work around it, and no more than half a second of it', async () => {
    const { pacer, now, advance } = pacedClock(1);
    const lane = await pacer.lane();
    const sentAt: number[] = [];
    const call = async (workMs: number) => {
      advance(workMs);
      await lane.pace(10, 10);
      sentAt.push(now());
    };
    await call(0);
    // The work before the second call ran 300 ms past its slot: the third keeps the schedule all the same.
    await call(1300);
    await call(0);
    await call(0);
    expect(sentAt).toEqual([0, 1300, 2000, 3000]);
    // Idle for 10 s: only half a second is made up, not the ten.
    await call(10_000);
    await call(0);
    await call(0);
    expect(sentAt.slice(4)).toEqual([13_000, 13_500, 14_500]);
  });

  it('sizes calls to about a second of the share, at most a bulk call', async () => {
    const lane = await new SendPacer(2).lane();
    expect(lane.callSize(14, 50)).toBe(7);
    expect(lane.callSize(1000, 50)).toBe(50);
    expect(lane.callSize(1, 50)).toBe(1);
  });

  it('gives concurrent invocations a lane each, never more than the concurrency', async () => {
    const { pacer } = pacedClock(2);
    const first = await pacer.lane();
    const second = await pacer.lane();
    let third = false;
    const waiting = pacer.lane().then((lane) => {
      third = true;
      return lane;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    first.release();
    (await waiting).release();
    expect(third).toBe(true);
    second.release();
  });
});
