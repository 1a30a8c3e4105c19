// Entry point for in-process use:
//   const emu = await startEmulator({ apiKey: 'k' });  ...  await emu.close();
// The same instance also serves the control API, so an in-process emulator can be driven
// by EmulatorClient too (e.g. from a separate n8n process's point of view).
import type { AddressInfo } from 'node:net';
import type { BurstState } from './burst';
import { configureErase, type EraseSettings } from './erase';
import { filterRequests } from './control';
import { Core, validateConfig } from './core';
import { BASE_PATH, createEmulatorServer } from './server';
import { DEFAULT_CONFIG } from './store';
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
	Booking,
	Subscription,
	TriggerName,
} from './types';

export * from './types';
export { EmulatorClient } from './client';
export { actionCalls, callAction } from './agent';
export type { ActionCallResult, ActionCallSpec } from './agent';
export { FAKE_MP3 } from './api';
export { CAMPAIGN_IDS } from './seed';
export { BASE_PATH } from './server';
export type { BurstState } from './burst';

export interface EmulatorOptions extends Partial<EmulatorConfig> {
	/** 0 (default) = a random free port. */
	port?: number;
	/** Default 'test-key'. */
	apiKey?: string;
	/** Latency (ms) of every API route; kept across reset(). */
	latencyMs?: number;
}

export interface Emulator {
	/** e.g. http://127.0.0.1:PORT/v1/api -- the credential's base URL. */
	baseUrl: string;
	/** e.g. http://127.0.0.1:PORT */
	origin: string;
	port: number;
	apiKey: string;
	close(): Promise<void>;
	/** Rotates the account's api-key: only these keys work from now on (subscriptions stay). */
	setApiKeys(keys: string[]): void;
	/** Seed data, start-up config and latency back; subscriptions, logs and faults cleared. */
	reset(): void;
	subscriptions(campaignId?: string): Subscription[];
	requests(filter?: { method?: string; path?: string; route?: string }): RequestLogEntry[];
	clearRequests(): void;
	deliveries(): DeliveryResult[];
	fire(triggerName: TriggerName | string, opts?: FireOptions): Promise<FireResult>;
	setFault(spec: FaultSpec | FaultSpec[]): void;
	clearFaults(): void;
	faults(): ActiveFault[];
	/** Global latency, or one route's (template like `/call/:id` or concrete path; 0 removes it). */
	setLatency(ms: number, route?: string, method?: string): void;
	configure(partial: Partial<EmulatorConfig>): EmulatorConfig;
	config(): EmulatorConfig;
	/** Burst drops of schedule requests (burst.ts): settings changed, then counts; reset() ends them. */
	burst(settings?: Partial<Omit<BurstState, 'dropped'>>): BurstState;
	/** How GET /call matches numbers, whether DELETE /call is forbidden (erase.ts); reset() ends it. */
	erase(settings: Partial<EraseSettings>): EraseSettings;
	/** Live seed/store records (canonical camelCase); mutate only if you mean it. */
	readonly campaigns: Campaign[];
	readonly calls: CallRecord[];
	readonly chatSessions: ChatSession[];
	readonly chatMessages: ChatMessage[];
	readonly schedules: ScheduledCall[];
	/** Bookings made by calls (bookings.ts). */
	readonly bookings: Booking[];
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const { port = 0, apiKey = 'test-key', latencyMs = 0, ...config } = options;
	const core = new Core(
		apiKey,
		{ ...DEFAULT_CONFIG, ...validateConfig(config as Record<string, unknown>) },
		latencyMs,
	);
	const server = createEmulatorServer(core);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const actualPort = (server.address() as AddressInfo).port;
	const origin = `http://127.0.0.1:${actualPort}`;
	core.setOrigin(origin);
	const store = core.store;

	return {
		baseUrl: origin + BASE_PATH,
		origin,
		port: actualPort,
		apiKey,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await core.close();
		},
		setApiKeys: (keys) => core.setApiKeys(keys),
		reset: () => core.reset(),
		subscriptions: (campaignId) => store.subscriptions(campaignId),
		requests: (filter = {}) => filterRequests(store.requests, filter),
		clearRequests: () => {
			store.requests = [];
		},
		deliveries: () => store.deliveries,
		fire: (triggerName, opts) => core.fire(triggerName, opts),
		setFault: (spec) => core.setFault(spec),
		clearFaults: () => core.faults.clear(),
		faults: () => core.faults.list(),
		setLatency: (ms, route, method) => core.faults.setLatency(ms, route, method),
		configure: (partial) => core.configure(partial as Record<string, unknown>),
		config: () => ({ ...store.config }),
		burst: (settings = {}) => core.burst.configure(settings),
		erase: (settings) => configureErase(store, settings),
		get campaigns() {
			return store.campaigns;
		},
		get calls() {
			return store.calls;
		},
		get chatSessions() {
			return store.chatSessions;
		},
		get chatMessages() {
			return store.chatMessages;
		},
		get schedules() {
			return store.schedules;
		},
		get bookings() {
			return store.bookings;
		},
	};
}
