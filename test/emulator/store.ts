// In-memory state of one emulator instance: config, seed records, subscriptions, schedules and
// the request / delivery logs. reset() brings everything back to the start-up state.
import { randomBytes } from 'node:crypto';
import { seedBookings } from './bookings';
import { knowledgeOf } from './knowledge';
import { SEED_CAMPAIGNS, SEED_CHAT_SESSIONS, seedCalls, seedChatMessages } from './seed';
import type {
	Booking,
	CallRecord,
	Campaign,
	ChatMessage,
	ChatSession,
	DeliveryResult,
	EmulatorConfig,
	RequestLogEntry,
	ScheduledCall,
	Subscription,
	TriggerName,
} from './types';

export const DEFAULT_CONFIG: EmulatorConfig = {
	listShape: 'bare',
	casing: 'pascal',
	subscriptionCasing: 'camel',
	eventCasing: 'camel',
	sampleShape: 'object',
	requireHttps: false,
	unsubscribeMissing: '404',
	errorMessageShape: 'string',
	transcriptBytes: 0,
	deliveryTimeoutMs: 10_000,
	schedulePath: 'createschedule',
	rejectedNumbers: '',
	outboundDailyLimit: 0,
	callDelayMs: 200,
	callDurationMs: 300,
};

/** Logs are capped so a long benchmark cannot grow memory without bound. */
const MAX_LOG = 20_000;

/** Phone numbers by their digits, anything else (e-mail, Apple ID) lower-cased. */
export function contactKey(value: string): string {
	const t = value.trim();
	return /^\+?[\d\s().-]+$/.test(t) ? t.replace(/\D/g, '') : t.toLowerCase();
}

const subKey = (s: {
	hookUrl: string;
	campaignId: string;
	triggerName: string;
	provider: string;
}) => JSON.stringify([s.hookUrl, s.campaignId, s.triggerName, s.provider]);

export class Store {
	config: EmulatorConfig;
	campaigns: Campaign[] = [];
	calls: CallRecord[] = [];
	chatSessions: ChatSession[] = [];
	chatMessages: ChatMessage[] = [];
	schedules: ScheduledCall[] = [];
	bookings: Booking[] = [];
	requests: RequestLogEntry[] = [];
	deliveries: DeliveryResult[] = [];
	private subs = new Map<string, Subscription>();
	private requestSeq = 0;
	private deliverySeq = 0;
	private messageSeq = 0;
	private sessionSeq = 0;
	/** Set by Core: places a scheduled call at its time. */
	onSchedule?: (s: ScheduledCall) => void;

	constructor(
		private readonly initialConfig: EmulatorConfig,
		private origin = 'http://127.0.0.1',
	) {
		this.config = { ...initialConfig };
		this.reset();
	}

	/** The origin is only known after listen(); recording URLs depend on it. */
	setOrigin(origin: string): void {
		this.origin = origin;
		this.calls = seedCalls(origin);
	}

	reset(): void {
		this.config = { ...this.initialConfig };
		this.campaigns = SEED_CAMPAIGNS.map((c) => ({ ...c }));
		this.calls = seedCalls(this.origin);
		this.bookings = seedBookings(this.calls, (id) => this.campaign(id));
		this.chatSessions = SEED_CHAT_SESSIONS.map((s) => ({ ...s }));
		this.chatMessages = seedChatMessages();
		this.messageSeq = this.chatMessages.length;
		this.sessionSeq = this.chatSessions.length;
		this.schedules = [];
		this.requests = [];
		this.deliveries = [];
		this.subs.clear();
		knowledgeOf(this).clear();
	}

	// --- subscriptions -------------------------------------------------------------------

	/** Idempotent: the same four values keep one subscription (and its id). */
	subscribe(input: Omit<Subscription, 'id' | 'createdAt'>): Subscription {
		const key = subKey(input);
		const existing = this.subs.get(key);
		if (existing) return existing;
		const sub: Subscription = {
			id: `sub_${randomBytes(8).toString('hex')}`,
			...input,
			createdAt: new Date().toISOString(),
		};
		this.subs.set(key, sub);
		return sub;
	}

	unsubscribe(input: Omit<Subscription, 'id' | 'createdAt'>): boolean {
		return this.subs.delete(subKey(input));
	}

	subscriptions(campaignId?: string): Subscription[] {
		const all = [...this.subs.values()];
		return !campaignId || campaignId === '*' ? all : all.filter((s) => s.campaignId === campaignId);
	}

	/** Subscriptions an event of this campaign and trigger is delivered to. */
	matching(triggerName: TriggerName | string, campaignId: string): Subscription[] {
		return [...this.subs.values()].filter(
			(s) => s.triggerName === triggerName && (s.campaignId === '*' || s.campaignId === campaignId),
		);
	}

	// --- records -------------------------------------------------------------------------

	campaign(id: string): Campaign | undefined {
		return this.campaigns.find((c) => c.id === id);
	}

	call(id: string): CallRecord | undefined {
		return this.calls.find((c) => c.id === id);
	}

	session(id: string): ChatSession | undefined {
		return this.chatSessions.find((s) => s.id === id);
	}

	addChatMessage(
		session: ChatSession,
		role: ChatMessage['role'],
		content: string,
		sentByHuman = false,
	): ChatMessage {
		this.messageSeq++;
		const msg: ChatMessage = {
			id: `msg_${String(this.messageSeq).padStart(4, '0')}`,
			sessionId: session.id,
			role,
			content,
			channel: session.channel,
			createdAt: new Date().toISOString(),
			...(sentByHuman ? { sentByHuman } : {}),
		};
		this.chatMessages.push(msg);
		session.timestamp = msg.createdAt;
		return msg;
	}

	addSchedule(
		input: Omit<ScheduledCall, 'sequenceNumber' | 'createdAt' | 'status'>,
	): ScheduledCall {
		const s: ScheduledCall = {
			sequenceNumber: this.schedules.length + 1,
			...input,
			status: 'scheduled',
			createdAt: new Date().toISOString(),
		};
		this.schedules.push(s);
		this.onSchedule?.(s);
		return s;
	}

	/** A new chat session of a contact (Start SMS Conversation); it becomes their current one. */
	addChatSession(input: Omit<ChatSession, 'id' | 'timestamp' | 'status'>): ChatSession {
		this.sessionSeq++;
		const session: ChatSession = {
			id: `chs_${String(this.sessionSeq).padStart(4, '0')}`,
			...input,
			status: 'active',
			timestamp: new Date().toISOString(),
		};
		this.chatSessions.push(session);
		return session;
	}

	/** The sessions of a contact in a campaign, newest first. */
	sessionsOf(campaignId: string, contact: string): ChatSession[] {
		const key = contactKey(contact);
		return this.chatSessions
			.filter((s) => s.campaignId === campaignId && contactKey(s.contactIdentification) === key)
			.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
	}

	// --- logs ----------------------------------------------------------------------------

	logRequest(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
		const e = { seq: ++this.requestSeq, ...entry };
		this.requests.push(e);
		if (this.requests.length > MAX_LOG) this.requests.splice(0, this.requests.length - MAX_LOG);
		return e;
	}

	nextDeliverySeq(): number {
		return ++this.deliverySeq;
	}

	logDelivery(d: DeliveryResult): void {
		this.deliveries.push(d);
		if (this.deliveries.length > MAX_LOG)
			this.deliveries.splice(0, this.deliveries.length - MAX_LOG);
	}
}
