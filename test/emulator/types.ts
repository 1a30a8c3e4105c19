// Shared types of the Atlas emulator. Records are kept canonical (camelCase) in the store and
// reshaped on the way out (see shape.ts), so one seed serves every casing / list-shape mode.

export type TriggerName =
	| 'call_started'
	| 'call_completed'
	| 'message_received'
	| 'message_sent'
	| 'message_session_completed';

export const TRIGGER_NAMES: readonly TriggerName[] = [
	'call_started',
	'call_completed',
	'message_received',
	'message_sent',
	// [live, undocumented] mentioned by Atlas's own code; accepted so the node may offer it.
	'message_session_completed',
];

export type ListShape = 'bare' | 'value' | 'data' | 'items';
export type Casing = 'pascal' | 'camel';

/** Everything switchable at runtime (configure(), POST /__emulator/config). */
export interface EmulatorConfig {
	/** How list answers are wrapped: bare array or `{value|data|items: [...]}`. */
	listShape: ListShape;
	/** Casing of campaign / call / chat records (live API: pascal). */
	casing: Casing;
	/** Casing of subscribe answers and of the (guessed) list endpoint. */
	subscriptionCasing: Casing;
	/** Casing of fired event payloads and of the sample endpoint. */
	eventCasing: Casing;
	/** Sample endpoint answers one object or an array of one. */
	sampleShape: 'object' | 'array';
	/** Real Atlas wants an HTTPS hookUrl; off by default so local receivers work. */
	requireHttps: boolean;
	/** Unsubscribing an unknown subscription: 404 (default) or a plain `{}`. */
	unsubscribeMissing: '404' | 'ok';
	/** Atlas errors are NestJS-shaped; class-validator puts an array in `message`. */
	errorMessageShape: 'string' | 'array';
	/** Default minimum transcript size (bytes) of call_completed events; 0 = natural size. */
	transcriptBytes: number;
	/** Per-delivery timeout when POSTing events to a hookUrl. */
	deliveryTimeoutMs: number;
	/** Which spelling(s) of the schedule path exist [guess]: the other answers 404 "Cannot POST". */
	schedulePath: 'createschedule' | 'createSchedule' | 'both';
	/** E.164 numbers createschedule refuses (comma separated), as Atlas refuses a number it cannot dial. */
	rejectedNumbers: string;
	/** Outbound calls a campaign may schedule per UTC day; 0 = no limit. */
	outboundDailyLimit: number;
	/** A scheduled call starts this long after its time (a "now" call: after scheduling). */
	callDelayMs: number;
	/** Time from call_started to call_completed of a placed call. */
	callDurationMs: number;
}

export interface Campaign {
	id: string;
	name: string;
	type: 'voice' | 'chat';
	direction: 'inbound' | 'outbound' | 'both';
	assistantId: string;
	phoneNumber: string;
	/** 'paused': turned off (PUT /campaign/:id/status); 'archived': Atlas lists it, pickers hide it. */
	status: 'active' | 'paused' | 'archived';
	timezone: string;
	createdAt: string;
	/** Agent settings changed through PUT /campaign/:id (Atlas's PascalCase names). */
	agent?: Record<string, unknown>;
}

/** An appointment the agent booked during a call (bookings.ts) [guess for every field name]. */
export interface Booking {
	id: string;
	callId: string;
	campaignId: string;
	customerName: string;
	customerPhoneNumber: string;
	title: string;
	startTime: string;
	endTime: string;
	timezone: string;
	status: 'confirmed' | 'cancelled';
	notes: string;
	createdAt: string;
}

export interface CallMessage {
	role: 'assistant' | 'user';
	message: string;
	/** ISO date-time of the turn. */
	time: string;
}

export interface CallRecord {
	id: string;
	campaignId: string;
	assistantId: string;
	direction: 'inbound' | 'outbound';
	customerPhoneNumber: string;
	customerName: string;
	status: 'completed' | 'no-answer' | 'busy' | 'failed' | 'in-progress';
	endedReason: string;
	successResult: 'success' | 'failure' | 'unknown';
	summary: string;
	transcript: string;
	messages: CallMessage[];
	recordingUrl: string | null;
	durationSeconds: number;
	startedAt: string;
	endedAt: string;
}

export type ChatStatus = 'active' | 'queued' | 'failed' | 'completed' | 'pending_human_response';

export interface ChatSession {
	id: string;
	campaignId: string;
	contactIdentification: string;
	contactName: string;
	channel: 'sms' | 'imessage' | 'whatsapp' | 'webchat';
	status: ChatStatus;
	timestamp: string;
	/** Set by the human-handoff route: the AI does not answer this contact. */
	humanHandoff?: boolean;
}

export interface ChatMessage {
	id: string;
	sessionId: string;
	role: 'user' | 'assistant';
	content: string;
	channel: ChatSession['channel'];
	createdAt: string;
	/** Set on replies sent through send-human-response. */
	sentByHuman?: boolean;
}

export interface Subscription {
	id: string;
	hookUrl: string;
	campaignId: string;
	triggerName: TriggerName;
	provider: string;
	createdAt: string;
}

export interface ScheduledCall {
	sequenceNumber: number;
	campaignId: string;
	customerName: string;
	customerPhoneNumber: string;
	customerInfo?: string;
	/** When the call is due (UTC ISO); null = at once. */
	scheduledDate: string | null;
	status: 'scheduled' | 'in-progress' | 'completed';
	/** The call placed for it, once started. */
	callId?: string;
	createdAt: string;
}

/** One entry of the request log. The api-key itself is never stored. */
export interface RequestLogEntry {
	seq: number;
	time: string;
	method: string;
	/** Full pathname, e.g. /v1/api/call/call_001. */
	path: string;
	/** Matched route template, e.g. `GET /call/:id`, or null when no route matched. */
	route: string | null;
	query: Record<string, string>;
	/** Parsed JSON body, the raw string when not JSON, or undefined when empty. */
	body: unknown;
	apiKeyPresent: boolean;
	apiKeyValid: boolean;
	/** Status answered, or null when the socket was dropped. */
	status: number | null;
	/** Fault injected on this request, if any. */
	fault?: FaultType;
	durationMs: number;
}

/** '404': the route answers as if it did not exist (an endpoint Atlas does not have). */
export type FaultType = '500' | '503' | '429' | '404' | '403' | 'drop';

export interface FaultSpec {
	/** Route template (`/call/:id`), concrete path below the base (`/call/call_001`) or `*`. */
	path: string;
	/** HTTP method; omitted = any. */
	method?: string;
	type: FaultType;
	/** Requests to fail; default 1; -1 = until cleared. */
	count?: number;
	/** Seconds for the Retry-After header of a 429 (default 1). */
	retryAfter?: number;
}

export interface ActiveFault extends Required<Omit<FaultSpec, 'method'>> {
	method: string | null;
	/** Faults already injected. */
	hits: number;
}

export interface FireOptions {
	/** Campaign of generated events (and of subscription matching). Default per trigger. */
	campaignId?: string;
	/** Number of events to generate (default 1). Ignored with `events` / `rawBody`. */
	count?: number;
	/** Events per delivery (default 1). */
	batch?: number;
	/** Deliver every delivery twice (at-least-once). */
	duplicate?: boolean;
	/** Pause between deliveries, per worker (ms). */
	delayMs?: number;
	/** Deliveries in flight at once (default 1). */
	concurrency?: number;
	/** Replace the hookUrl's `token` query parameter (true = "wrong-token"). */
	tokenOverride?: string | boolean;
	/** Explicit event objects, sent as-is (may be invalid on purpose). */
	events?: unknown[];
	/** Raw body string, sent as-is instead of a JSON array. */
	rawBody?: string;
	/** Content-Type header of deliveries (default application/json). */
	contentType?: string;
	/** Minimum transcript size of call_completed events (bytes). */
	transcriptBytes?: number;
	/** Casing of generated events (default config.eventCasing). */
	casing?: Casing;
	/** Fields merged into every generated event (e.g. a fixed callId). */
	overrides?: Record<string, unknown>;
	/** Deliver to this URL instead of the matching subscriptions. */
	hookUrl?: string;
	/** Also store generated call_completed events as call records (GET /call). */
	persist?: boolean;
	/** Leave `events` out of the result (large benchmark fires); `eventCount` stays. */
	omitEvents?: boolean;
}

export interface DeliveryResult {
	seq: number;
	subscriptionId: string | null;
	/** URL actually posted to (after tokenOverride). */
	url: string;
	/** Events in the body (0 for rawBody). */
	eventCount: number;
	/** 2 for the duplicate copy of a delivery. */
	attempt: 1 | 2;
	status: number | null;
	error?: string;
	/** First 2 KB of the receiver's answer. */
	responseBody?: string;
	startedAt: string;
	durationMs: number;
}

export interface FireResult {
	triggerName: string;
	campaignId: string;
	/** Events generated or given (as sent, in their casing). */
	events: unknown[];
	/** Subscriptions matched (empty when `hookUrl` was given). */
	subscriptionIds: string[];
	/** Events sent (also when omitEvents). */
	eventCount: number;
	deliveries: DeliveryResult[];
}
