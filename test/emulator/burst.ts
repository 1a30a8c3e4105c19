// Burst drops: Atlas drops connections when many createschedule requests arrive at once (a
// production client's report; it spaces them about 200 ms apart). With a limit set, a schedule
// request beyond `limit` within `windowMs` gets no answer: its socket is destroyed. Whether
// Atlas processed it is unknown to the client, so both happen: a share `processedShare` of the
// drops schedule the call first (dropped AFTER scheduling), the rest are dropped before.
import type { RouteRef } from './faults';

export interface BurstSettings {
	/** Schedule requests answered per window; 0 = never drop (the default). */
	limit: number;
	windowMs: number;
	/** Share (0..1) of the dropped requests that were processed before the drop. */
	processedShare: number;
}

export interface BurstState extends BurstSettings {
	dropped: number;
	droppedAfterScheduling: number;
	droppedBeforeScheduling: number;
}

export type BurstDrop = 'before' | 'after';

const DEFAULTS: BurstSettings = { limit: 0, windowMs: 1_000, processedShare: 0.5 };
const ROUTES = new Set(['/campaign/createschedule', '/campaign/createSchedule']);

export class Burst {
	private settings: BurstSettings = { ...DEFAULTS };
	private arrivals: number[] = [];
	private dropped = 0;
	private after = 0;

	configure(partial: Record<string, unknown>): BurstState {
		const next = { ...this.settings };
		for (const [key, value] of Object.entries(partial)) {
			if (!(key in DEFAULTS)) throw new Error(`unknown burst setting: ${key}`);
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
				throw new Error(`${key} must be a number >= 0`);
			next[key as keyof BurstSettings] = value;
		}
		if (next.processedShare > 1) throw new Error('processedShare must be between 0 and 1');
		this.settings = next;
		return this.state();
	}

	state(): BurstState {
		return {
			...this.settings,
			dropped: this.dropped,
			droppedAfterScheduling: this.after,
			droppedBeforeScheduling: this.dropped - this.after,
		};
	}

	/** For one request: undefined = answer it; 'before' / 'after' = drop it before / after processing. */
	decide(ref: RouteRef, now = Date.now()): BurstDrop | undefined {
		const { limit, windowMs, processedShare } = this.settings;
		if (limit <= 0 || ref.method !== 'POST' || !ROUTES.has(ref.template ?? '')) return undefined;
		this.arrivals = this.arrivals.filter((t) => now - t < windowMs);
		this.arrivals.push(now);
		if (this.arrivals.length <= limit) return undefined;
		// spread evenly and deterministically: drop k is processed when the share crosses a whole
		const processed =
			Math.floor((this.dropped + 1) * processedShare) > Math.floor(this.dropped * processedShare);
		this.dropped++;
		if (processed) this.after++;
		return processed ? 'after' : 'before';
	}

	reset(): void {
		this.settings = { ...DEFAULTS };
		this.arrivals = [];
		this.dropped = 0;
		this.after = 0;
	}
}
