// Realistic Events Gateway payloads. Field names follow atlas-api.md: `campaignId` is [live],
// `callId` and the call_completed result keys (summary, transcript, recordingUrl, endedReason,
// durationSeconds...) are [guess], `customerNumber` and no session id on messages are [live],
// `receivedAt`/`sentAt` are [doc]; `message`/`messageId` are [guess]. Keep new guesses here.
import { randomBytes } from 'node:crypto';
import { CAMPAIGN_IDS, EVENT_SCRIPTS, conversation, personalise, recordingUrl } from './seed';
import { pascalize } from './shape';
import type {
	CallRecord,
	Campaign,
	Casing,
	ChatMessage,
	ChatSession,
	ScheduledCall,
	TriggerName,
} from './types';

type Obj = Record<string, unknown>;

export interface GenerateOptions {
	campaignId?: string;
	casing?: Casing;
	transcriptBytes?: number;
	overrides?: Obj;
}

const CUSTOMERS: [name: string, phone: string][] = [
	['Grace Thompson', '+14155550141'],
	['Marcus Lee', '+14155550142'],
	['Hannah Schmidt', '+13125550143'],
	['Diego Alvarez', '+13125550144'],
	['Chloe Martin', '+16175550145'],
	['Samuel Wright', '+16175550146'],
];

const INBOUND_TEXTS = [
	'Hi, is the apartment on Elm St still available?',
	'Can I schedule a viewing for tomorrow afternoon?',
	'What is the pet policy for the Beacon St unit?',
	'Thanks! See you then.',
];

const OUTBOUND_TEXTS = [
	'Hi! Yes, 12 Elm St #2 is still available from August 1. Would you like to see it?',
	'Sure, I have 2:00pm or 4:30pm tomorrow. Which works better?',
	'Cats and small dogs are welcome with a $300 pet deposit.',
	'You are all set. Reply STOP to opt out.',
];

const COMPLETED_ENDINGS = [
	'assistant-ended-call',
	'customer-ended-call',
	'assistant-said-end-call-phrase',
	'assistant-forwarded-call',
];

/** Default campaign of a trigger when a fire names none: calls -> sales, messages -> chat. */
export function defaultCampaignFor(trigger: string): string {
	return trigger.startsWith('call_') ? CAMPAIGN_IDS.sales : CAMPAIGN_IDS.chat;
}

export function applyCasing(event: Obj, casing: Casing): Obj {
	return casing === 'pascal' ? (pascalize(event) as Obj) : event;
}

/** Pads a conversation (repeating its turns) until the transcript reaches `bytes`. */
function padTurns(turns: ['AI' | 'User', string][], bytes: number): ['AI' | 'User', string][] {
	if (!bytes || turns.length === 0) return turns;
	const out = [...turns];
	let size = out.reduce((n, [w, t]) => n + w.length + t.length + 3, 0);
	for (let i = 0; size < bytes; i++) {
		const [who, text] = turns[i % turns.length];
		const turn: ['AI' | 'User', string] = [who, `${text} (${Math.floor(i / turns.length) + 2})`];
		out.push(turn);
		size += who.length + turn[1].length + 3;
	}
	return out;
}

export class EventGenerator {
	/** Per-process prefix so ids stay unique across emulator restarts (receivers de-duplicate). */
	private readonly run = randomBytes(3).toString('hex');
	private n = 0;

	constructor(
		private readonly origin: () => string,
		private readonly campaignOf: (id: string) => Campaign | undefined,
	) {}

	generate(trigger: TriggerName | string, opts: GenerateOptions = {}): Obj {
		const n = ++this.n;
		const campaignId = opts.campaignId ?? defaultCampaignFor(trigger);
		const [customerName, phone] = CUSTOMERS[(n - 1) % CUSTOMERS.length];
		let event: Obj;
		if (trigger === 'call_started' || trigger === 'call_completed') {
			event = this.callEvent(
				trigger,
				n,
				campaignId,
				customerName,
				phone,
				opts.transcriptBytes ?? 0,
			);
		} else {
			event = this.messageEvent(trigger, n, campaignId, customerName, phone);
		}
		return applyCasing({ ...event, ...(opts.overrides ?? {}) }, opts.casing ?? 'camel');
	}

	private callEvent(
		trigger: string,
		n: number,
		campaignId: string,
		customerName: string,
		phone: string,
		bytes: number,
	): Obj {
		const campaign = this.campaignOf(campaignId);
		const callId = `call_${this.run}_${String(n).padStart(6, '0')}`;
		const scripts =
			campaignId === CAMPAIGN_IDS.support ? EVENT_SCRIPTS.support : EVENT_SCRIPTS.sales;
		// the conversation greets the event's own customer (not the script's seed customer)
		const script = personalise(scripts[(n - 1) % scripts.length], customerName);
		const turns = padTurns(script.turns, bytes);
		const now = Date.now();
		const durationSeconds = 4 + turns.length * 9;
		const startedAt = new Date(
			trigger === 'call_completed' ? now - durationSeconds * 1000 : now,
		).toISOString();
		const started: Obj = {
			callId,
			campaignId,
			customerPhoneNumber: phone,
			customerName,
			direction: campaign?.direction === 'inbound' ? 'inbound' : 'outbound',
			assistantId: campaign?.assistantId ?? 'asst_unknown',
			startedAt,
		};
		if (trigger === 'call_started') return started;
		const { messages, transcript } = conversation(turns, startedAt);
		return {
			...started,
			summary: script.summary,
			transcript,
			messages,
			recordingUrl: recordingUrl(this.origin(), callId),
			status: 'completed',
			endedReason: COMPLETED_ENDINGS[(n - 1) % COMPLETED_ENDINGS.length],
			durationSeconds,
			endedAt: new Date(now).toISOString(),
			successResult: n % 3 === 0 ? 'failure' : 'success',
		};
	}

	private messageEvent(
		trigger: string,
		n: number,
		campaignId: string,
		customerName: string,
		phone: string,
	): Obj {
		const at = new Date().toISOString();
		const base: Obj = { campaignId, customerNumber: phone, customerName, channel: 'sms' };
		const messageId = `msg_${this.run}_${String(n).padStart(6, '0')}`;
		const i = (n - 1) % INBOUND_TEXTS.length;
		if (trigger === 'message_sent')
			return { ...base, message: OUTBOUND_TEXTS[i], sentAt: at, messageId };
		// [guess] shape of the undocumented message_session_completed trigger.
		if (trigger === 'message_session_completed')
			return { ...base, status: 'completed', completedAt: at, messageCount: 4 };
		return { ...base, message: INBOUND_TEXTS[i], receivedAt: at, messageId };
	}
}

/**
 * The two events of a call placed for a scheduled call (createschedule): the first sales script,
 * told with the scheduled customer, and a summary naming them (and the context given).
 */
export function scheduledCallEvents(
	s: ScheduledCall,
	callId: string,
	startedAt: number,
	endedAt: number,
	origin: string,
	campaign: Campaign | undefined,
): { started: Obj; completed: Obj } {
	const name = s.customerName.trim() || 'there';
	const script = personalise(EVENT_SCRIPTS.sales[0], s.customerName.trim() || 'Customer');
	const started: Obj = {
		callId,
		campaignId: s.campaignId,
		customerPhoneNumber: s.customerPhoneNumber,
		customerName: s.customerName,
		direction: 'outbound',
		assistantId: campaign?.assistantId ?? 'asst_unknown',
		startedAt: new Date(startedAt).toISOString(),
		sequenceNumber: s.sequenceNumber,
	};
	const { messages, transcript } = conversation(script.turns, started.startedAt as string);
	const completed: Obj = {
		...started,
		summary: `Scheduled call #${s.sequenceNumber} to ${name} (${s.customerPhoneNumber}). ${script.summary}${s.customerInfo ? ` Context given: ${s.customerInfo}` : ''}`,
		transcript,
		messages,
		recordingUrl: recordingUrl(origin, callId),
		status: 'completed',
		endedReason: 'assistant-ended-call',
		durationSeconds: Math.max(1, Math.round((endedAt - startedAt) / 1000)),
		endedAt: new Date(endedAt).toISOString(),
		successResult: 'success',
	};
	return { started, completed };
}

/** Event payload built from a stored call record (sample endpoint). */
export function eventFromCall(r: CallRecord, trigger: string): Obj {
	const started: Obj = {
		callId: r.id,
		campaignId: r.campaignId,
		customerPhoneNumber: r.customerPhoneNumber,
		customerName: r.customerName,
		direction: r.direction,
		assistantId: r.assistantId,
		startedAt: r.startedAt,
	};
	if (trigger === 'call_started') return started;
	return {
		...started,
		summary: r.summary,
		transcript: r.transcript,
		messages: r.messages.map((m) => ({ ...m })),
		recordingUrl: r.recordingUrl,
		status: r.status,
		endedReason: r.endedReason,
		durationSeconds: r.durationSeconds,
		endedAt: r.endedAt,
		successResult: r.successResult,
	};
}

/** Event payload built from a stored chat message (sample endpoint). */
export function eventFromChat(m: ChatMessage, s: ChatSession, trigger: string): Obj {
	const base: Obj = {
		campaignId: s.campaignId,
		customerNumber: s.contactIdentification,
		customerName: s.contactName,
		channel: m.channel,
	};
	if (trigger === 'message_session_completed')
		return { ...base, status: 'completed', completedAt: m.createdAt, messageCount: 4 };
	const at = trigger === 'message_sent' ? { sentAt: m.createdAt } : { receivedAt: m.createdAt };
	return { ...base, message: m.content, ...at, messageId: m.id };
}

/** call_completed event -> call record, so a fired call can be read back through GET /call/:id. */
export function callFromEvent(e: Obj): CallRecord | undefined {
	if (typeof e.callId !== 'string' || typeof e.campaignId !== 'string') return undefined;
	return {
		id: e.callId,
		campaignId: e.campaignId,
		assistantId: String(e.assistantId ?? ''),
		direction: e.direction === 'inbound' ? 'inbound' : 'outbound',
		customerPhoneNumber: String(e.customerPhoneNumber ?? ''),
		customerName: String(e.customerName ?? ''),
		status: 'completed',
		endedReason: String(e.endedReason ?? ''),
		successResult: e.successResult === 'failure' ? 'failure' : 'success',
		summary: String(e.summary ?? ''),
		transcript: String(e.transcript ?? ''),
		messages: Array.isArray(e.messages) ? (e.messages as CallRecord['messages']) : [],
		recordingUrl: typeof e.recordingUrl === 'string' ? e.recordingUrl : null,
		durationSeconds: Number(e.durationSeconds ?? 0),
		startedAt: String(e.startedAt ?? ''),
		endedAt: String(e.endedAt ?? ''),
	};
}
