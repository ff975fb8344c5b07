/**
 * How far a lane's schedule may fall behind the clock and still be made up. A call that went late because the
 * work around it ran long (reading contacts, claiming, recording) lets the next calls follow sooner, until the
 * lane is back on its schedule; a lane idle for longer starts afresh. All lanes together may so send at most
 * half a second of the rate early, within the one-second burst SES's rate allows ("short bursts").
 */
export const CATCH_UP_MS = 500;

/**
 * Keeps a sender within its share of the account's sending rate. Each concurrent invocation of the sender gets
 * `rate / concurrency` recipients per second: the event source starts at most `concurrency` at once, so
 * together they stay within the rate. A lane remembers when its last call went, across invocations: in Lambda
 * one environment runs one invocation at a time and keeps one lane; a runtime running several at once in one
 * process (the local runner) gives each its own lane, never more than `concurrency`.
 */
export class SendPacer {
  private readonly lanes: { nextAt: number; busy: boolean }[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** A lane for one invocation; give it back with `lane.release()`. */
  async lane(): Promise<PacedLane> {
    for (;;) {
      const free = this.lanes.find((lane) => !lane.busy);
      const lane = free ?? (this.lanes.length < this.concurrency ? { nextAt: 0, busy: false } : undefined);
      if (lane) {
        if (!free) this.lanes.push(lane);
        lane.busy = true;
        return {
          /** Waits until `recipients` may be sent at `ratePerSecond` for the whole account. */
          pace: async (recipients: number, ratePerSecond: number) => {
            const share = ratePerSecond / this.concurrency;
            const wait = lane.nextAt - this.now();
            if (wait > 0) await this.sleep(wait);
            lane.nextAt = Math.max(lane.nextAt, this.now() - CATCH_UP_MS) + (recipients / share) * 1000;
          },
          /** How many recipients one call may carry so that calls stay about a second apart, 1 to `most`. */
          callSize: (ratePerSecond: number, most: number) =>
            Math.max(1, Math.min(most, Math.floor(ratePerSecond / this.concurrency))),
          release: () => {
            lane.busy = false;
            this.waiting.shift()?.();
          },
        };
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

export interface PacedLane {
  pace(recipients: number, ratePerSecond: number): Promise<void>;
  callSize(ratePerSecond: number, most: number): number;
  release(): void;
}
