import { delayOf, InMemoryRocketChat } from '../test/harness/rocketchat';

/**
 * Agenda's clock for the in-memory Rocket.Chat: once a second, the scheduled jobs whose time has come run, and
 * each recurring processor runs at its interval (retries, delivery polls, the gateway's webhook refresh).
 */
export class JobClock {
    private timer?: NodeJS.Timeout;
    private tick?: Promise<void>;
    private readonly nextRecurringRun = new Map<string, number>();

    constructor(private readonly rc: InMemoryRocketChat, private readonly report: (line: string) => void, private readonly everyMs = 1000) {}

    /** Runs what is due now (the app's setup jobs at start), then keeps running due jobs every second. */
    public async start(): Promise<void> {
        await this.runDue();
        await this.rc.settle();
        this.timer = setInterval(() => {
            this.tick ??= this.runDue().finally(() => (this.tick = undefined));
        }, this.everyMs);
    }

    /** Stops the clock, letting a run in progress finish. */
    public async stop(): Promise<void> {
        clearInterval(this.timer);
        await this.tick;
    }

    private async runDue(): Promise<void> {
        await this.rc.runDueJobs((job, error) => this.report(`Job ${job.processorId} failed: ${String(error)}`));
        const now = Date.now();
        for (const [processorId, interval] of this.rc.recurringProcessors) {
            const due = this.nextRecurringRun.get(processorId);
            if (due === undefined || due <= now) {
                this.nextRecurringRun.set(processorId, now + delayOf(interval));
            }
            const processor = this.rc.processors.get(processorId);
            if (due !== undefined && due <= now && processor) {
                await processor({}).catch((error) => this.report(`Recurring job ${processorId} failed: ${String(error)}`));
            }
        }
    }
}
