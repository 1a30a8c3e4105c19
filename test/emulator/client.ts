// Typed client for the control API (/__emulator/), for e2e tests, the demo and benchmarks that
// run the emulator as a separate process (cli.ts). Uses Node's global fetch (undici).
import type {
	ActiveFault,
	CallRecord,
	Campaign,
	ChatMessage,
	ChatSession,
	DeliveryResult,
	EmulatorConfig,
	FaultSpec,
	FireOptions,
	FireResult,
	RequestLogEntry,
	ScheduledCall,
	Subscription,
	TriggerName,
} from './types';

export interface EmulatorState {
	subscriptions: Subscription[];
	config: EmulatorConfig;
	faults: ActiveFault[];
	latency: { all: number; routes: Record<string, number> };
	schedules: ScheduledCall[];
	counts: { requests: number; deliveries: number; calls: number; chatMessages: number };
}

export interface EmulatorSeed {
	campaigns: Campaign[];
	calls: CallRecord[];
	chatSessions: ChatSession[];
	chatMessages: ChatMessage[];
}

export class EmulatorClient {
	/** Origin of the emulator (http://127.0.0.1:PORT); a base URL ending in /v1/api is accepted too. */
	readonly origin: string;

	constructor(originOrBaseUrl: string) {
		this.origin = originOrBaseUrl.replace(/\/+$/, '').replace(/\/v1\/api$/, '');
	}

	get baseUrl(): string {
		return `${this.origin}/v1/api`;
	}

	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.origin}/__emulator${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		const data = text ? JSON.parse(text) : undefined;
		if (!res.ok)
			throw new Error(`emulator ${method} ${path}: ${res.status} ${data?.message ?? text}`);
		return data as T;
	}

	state(): Promise<EmulatorState> {
		return this.call('GET', '/state');
	}

	async subscriptions(): Promise<Subscription[]> {
		return (await this.state()).subscriptions;
	}

	seed(): Promise<EmulatorSeed> {
		return this.call('GET', '/seed');
	}

	requests(
		filter: { method?: string; path?: string; route?: string } = {},
	): Promise<RequestLogEntry[]> {
		const q = new URLSearchParams(
			Object.entries(filter).filter(([, v]) => v) as [string, string][],
		).toString();
		return this.call('GET', `/requests${q ? `?${q}` : ''}`);
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', '/requests');
	}

	deliveries(): Promise<DeliveryResult[]> {
		return this.call('GET', '/deliveries');
	}

	async clearDeliveries(): Promise<void> {
		await this.call('DELETE', '/deliveries');
	}

	fire(triggerName: TriggerName | string, opts: FireOptions = {}): Promise<FireResult> {
		return this.call('POST', '/fire', { triggerName, ...opts });
	}

	async setFault(spec: FaultSpec | FaultSpec[]): Promise<ActiveFault[]> {
		return (await this.call<{ faults: ActiveFault[] }>('POST', '/faults', spec)).faults;
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}

	setLatency(
		ms: number,
		route?: string,
		method?: string,
	): Promise<{ all: number; routes: Record<string, number> }> {
		return this.call('POST', '/latency', { ms, route, method });
	}

	configure(partial: Partial<EmulatorConfig>): Promise<EmulatorConfig> {
		return this.call('POST', '/config', partial);
	}

	async reset(): Promise<void> {
		await this.call('POST', '/reset');
	}

	/** Polls until `predicate(subscriptions)` holds, e.g. after activating an n8n workflow. */
	async waitForSubscriptions(
		predicate: (subs: Subscription[]) => boolean,
		timeoutMs = 10_000,
		intervalMs = 100,
	): Promise<Subscription[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const subs = await this.subscriptions();
			if (predicate(subs)) return subs;
			if (Date.now() > deadline)
				throw new Error(`timed out waiting for subscriptions (have ${subs.length})`);
			await new Promise((r) => setTimeout(r, intervalMs));
		}
	}

	/** Polls until the emulator answers (after spawning cli.ts). */
	static async waitUntilUp(originOrBaseUrl: string, timeoutMs = 15_000): Promise<EmulatorClient> {
		const client = new EmulatorClient(originOrBaseUrl);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				await client.state();
				return client;
			} catch (err) {
				if (Date.now() > deadline)
					throw new Error(`emulator at ${client.origin} not up: ${(err as Error).message}`);
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	}
}
