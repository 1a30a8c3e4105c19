// One emulator instance's moving parts wired together: store, faults, event generator and
// deliverer, plus the operations shared by the in-process handle and the control API.
import { recordBookings } from './bookings';
import { Deliverer, withToken, type DeliveryJob } from './delivery';
import {
	applyCasing,
	callFromEvent,
	defaultCampaignFor,
	EventGenerator,
	scheduledCallEvents,
} from './events';
import { Burst } from './burst';
import { configureErase } from './erase';
import { Faults } from './faults';
import { DEFAULT_CONFIG, Store } from './store';
import {
	TRIGGER_NAMES,
	type Casing,
	type EmulatorConfig,
	type FaultSpec,
	type FireOptions,
	type FireResult,
	type ListShape,
	type ScheduledCall,
	type TriggerName,
} from './types';

const ENUMS: Partial<Record<keyof EmulatorConfig, readonly string[]>> = {
	listShape: ['bare', 'value', 'data', 'items'] satisfies ListShape[],
	casing: ['pascal', 'camel'] satisfies Casing[],
	subscriptionCasing: ['pascal', 'camel'],
	eventCasing: ['pascal', 'camel'],
	sampleShape: ['object', 'array'],
	unsubscribeMissing: ['404', 'ok'],
	errorMessageShape: ['string', 'array'],
	schedulePath: ['createschedule', 'createSchedule', 'both'],
};

/** Validates a partial config (from tests or the control API); throws on unknown keys/values. */
export function validateConfig(partial: Record<string, unknown>): Partial<EmulatorConfig> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(partial)) {
		if (v === undefined) continue;
		if (!(k in DEFAULT_CONFIG)) throw new Error(`unknown config key: ${k}`);
		const key = k as keyof EmulatorConfig;
		const allowed = ENUMS[key];
		const expected = typeof DEFAULT_CONFIG[key];
		if (allowed && !allowed.includes(String(v)))
			throw new Error(`${k} must be one of ${allowed.join(', ')}`);
		if (!allowed && typeof v !== expected) throw new Error(`${k} must be a ${expected}`);
		out[k] = v;
	}
	return out as Partial<EmulatorConfig>;
}

function chunk<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

export class Core {
	readonly store: Store;
	readonly faults = new Faults();
	/** Drops schedule requests beyond a rate (burst.ts); off until configured. */
	readonly burst = new Burst();
	readonly events: EventGenerator;
	readonly deliverer = new Deliverer();
	origin = 'http://127.0.0.1';
	/** The keys of the account that work now: the first, plus any a rotation added. */
	private keys: Set<string>;

	constructor(
		readonly apiKey: string,
		config: EmulatorConfig,
		private readonly initialLatency = 0,
	) {
		this.keys = new Set([apiKey]);
		this.store = new Store(config);
		this.events = new EventGenerator(
			() => this.origin,
			(id) => this.store.campaign(id),
		);
		this.faults.setLatency(initialLatency);
		this.store.onSchedule = (scheduled) => this.place(scheduled);
	}

	/** Timers of scheduled calls not yet placed or completed; cleared by reset() and close(). */
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Deliveries of placed calls still in flight (close() waits for them). */
	private readonly placing = new Set<Promise<unknown>>();

	private later(ms: number, run: () => Promise<unknown>): void {
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				const job = run().catch(() => undefined);
				this.placing.add(job);
				void job.finally(() => this.placing.delete(job));
			},
			Math.min(Math.max(0, ms), 2 ** 31 - 1),
		);
		timer.unref();
		this.timers.add(timer);
	}

	/**
	 * Places a scheduled call the way Atlas would: at its time call_started goes to the matching
	 * subscriptions and the call is listed (in progress) in GET /call; after callDurationMs it
	 * completes, with a transcript and summary naming the scheduled customer, and call_completed
	 * goes out.
	 */
	private place(s: ScheduledCall): void {
		const due = s.scheduledDate ? Date.parse(s.scheduledDate) : Date.now();
		const cfg = this.store.config;
		this.later(due - Date.now() + cfg.callDelayMs, async () => {
			const callId = `call_sched_${String(s.sequenceNumber).padStart(4, '0')}_${Date.now().toString(36)}`;
			const startedAt = Date.now();
			const campaign = this.store.campaign(s.campaignId);
			const planned = scheduledCallEvents(
				s,
				callId,
				startedAt,
				startedAt + cfg.callDurationMs,
				this.origin,
				campaign,
			);
			s.status = 'in-progress';
			s.callId = callId;
			const record = callFromEvent(planned.completed)!;
			this.store.calls.push({
				...record,
				status: 'in-progress',
				summary: '',
				transcript: '',
				messages: [],
				recordingUrl: null,
				endedAt: '',
				endedReason: '',
				durationSeconds: 0,
			});
			await this.fire('call_started', {
				campaignId: s.campaignId,
				events: [applyCasing(planned.started, cfg.eventCasing)],
			});
			this.later(cfg.callDurationMs, async () => {
				const index = this.store.calls.findIndex((c) => c.id === callId);
				if (index >= 0) this.store.calls[index] = record;
				s.status = 'completed';
				await this.fire('call_completed', {
					campaignId: s.campaignId,
					events: [applyCasing(planned.completed, cfg.eventCasing)],
				});
			});
		});
	}

	/** True when `key` is one of the account's keys now. */
	acceptsKey(key: string | undefined): boolean {
		return key !== undefined && this.keys.has(key);
	}

	/** A key rotation: these keys work from now on, every other is rejected (same account). */
	setApiKeys(keys: string[]): void {
		this.keys = new Set(keys);
	}

	setOrigin(origin: string): void {
		this.origin = origin;
		this.store.setOrigin(origin);
	}

	configure(partial: Record<string, unknown>): EmulatorConfig {
		Object.assign(this.store.config, validateConfig(partial));
		return { ...this.store.config };
	}

	/** Back to the start-up state: seed data, start-up config and latency; no subscriptions or faults. */
	reset(): void {
		this.keys = new Set([this.apiKey]);
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.store.reset();
		this.faults.reset();
		this.burst.reset();
		configureErase(this.store);
		this.faults.setLatency(this.initialLatency);
	}

	setFault(spec: FaultSpec | FaultSpec[]): void {
		for (const s of Array.isArray(spec) ? spec : [spec]) this.faults.add(s);
	}

	async fire(triggerName: TriggerName | string, opts: FireOptions = {}): Promise<FireResult> {
		const explicit = opts.events !== undefined || opts.rawBody !== undefined;
		if (!explicit && !TRIGGER_NAMES.includes(triggerName as TriggerName)) {
			throw new Error(`triggerName must be one of ${TRIGGER_NAMES.join(', ')}`);
		}
		const cfg = this.store.config;
		const firstEvent = (opts.events?.[0] ?? {}) as Record<string, unknown>;
		const fromEvent = firstEvent.campaignId ?? firstEvent.CampaignId;
		const campaignId =
			opts.campaignId ??
			(typeof fromEvent === 'string' ? fromEvent : defaultCampaignFor(triggerName));

		let events: unknown[];
		if (opts.events) events = opts.events;
		else if (opts.rawBody !== undefined) events = [];
		else {
			events = Array.from({ length: Math.max(0, opts.count ?? 1) }, () => {
				const camel = this.events.generate(triggerName, {
					campaignId,
					transcriptBytes: opts.transcriptBytes ?? cfg.transcriptBytes,
					overrides: opts.overrides,
				});
				if (opts.persist && triggerName === 'call_completed') {
					const rec = callFromEvent(camel);
					if (rec) this.store.calls.push(rec);
				}
				return applyCasing(camel, opts.casing ?? cfg.eventCasing);
			});
		}

		// a call whose agent booked an appointment has made a booking by the time Atlas delivers it
		if (triggerName === 'call_completed') recordBookings(this.store, events);
		const subs = opts.hookUrl ? [] : this.store.matching(triggerName, campaignId);
		const targets = opts.hookUrl
			? [{ id: null, url: opts.hookUrl }]
			: subs.map((s) => ({ id: s.id, url: s.hookUrl }));
		const token = opts.tokenOverride === true ? 'wrong-token' : opts.tokenOverride || undefined;
		const bodies =
			opts.rawBody !== undefined
				? [{ body: opts.rawBody, count: 0 }]
				: chunk(events, Math.max(1, opts.batch ?? 1)).map((c) => ({
						body: JSON.stringify(c),
						count: c.length,
					}));
		const jobs: DeliveryJob[] = [];
		for (const b of bodies) {
			for (const t of targets) {
				jobs.push({
					subscriptionId: t.id,
					url: token ? withToken(t.url, token) : t.url,
					body: b.body,
					eventCount: b.count,
					contentType: opts.contentType ?? 'application/json',
				});
			}
		}
		const deliveries = await this.deliverer.deliverAll(jobs, {
			duplicate: opts.duplicate,
			delayMs: opts.delayMs,
			concurrency: opts.concurrency,
			timeoutMs: cfg.deliveryTimeoutMs,
			nextSeq: () => this.store.nextDeliverySeq(),
			onResult: (r) => this.store.logDelivery(r),
		});
		return {
			triggerName,
			campaignId,
			eventCount: events.length,
			events: opts.omitEvents ? [] : events,
			subscriptionIds: subs.map((s) => s.id),
			deliveries,
		};
	}

	state() {
		return {
			subscriptions: this.store.subscriptions(),
			config: { ...this.store.config },
			faults: this.faults.list(),
			latency: this.faults.latency(),
			schedules: this.store.schedules,
			burst: this.burst.state(),
			counts: {
				requests: this.store.requests.length,
				deliveries: this.store.deliveries.length,
				calls: this.store.calls.length,
				chatMessages: this.store.chatMessages.length,
			},
		};
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await Promise.all([...this.placing]);
		await this.deliverer.close();
	}
}
