// Deterministic seed data: three campaigns, ten call records, three chat sessions. No randomness,
// so tests can assert on exact ids, names and counts. Recording URLs point back at the emulator
// (its /recordings route), hence the `origin` parameter.
import type { CallMessage, CallRecord, Campaign, ChatMessage, ChatSession } from './types';

export const CAMPAIGN_IDS = {
	sales: 'cmp_sales',
	support: 'cmp_support',
	chat: 'cmp_chat',
} as const;

export const SEED_CAMPAIGNS: readonly Campaign[] = [
	{
		id: 'cmp_sales',
		name: 'Sunbeam Solar - Outbound Sales',
		type: 'voice',
		direction: 'outbound',
		assistantId: 'asst_sunbeam_sales',
		phoneNumber: '+14155550100',
		status: 'active',
		timezone: 'America/Los_Angeles',
		createdAt: '2025-05-12T16:04:11.000Z',
	},
	{
		id: 'cmp_support',
		name: 'Brightside Dental - Front Desk',
		type: 'voice',
		direction: 'inbound',
		assistantId: 'asst_brightside_desk',
		phoneNumber: '+13125550100',
		status: 'active',
		timezone: 'America/Chicago',
		createdAt: '2025-04-28T09:30:00.000Z',
	},
	{
		id: 'cmp_chat',
		name: 'Harbor Realty - SMS Concierge',
		type: 'chat',
		direction: 'both',
		assistantId: 'asst_harbor_concierge',
		phoneNumber: '+16175550100',
		status: 'active',
		timezone: 'America/New_York',
		createdAt: '2025-05-20T14:15:42.000Z',
	},
];

type Turn = [role: 'AI' | 'User', text: string];

interface CallSeed {
	n: number;
	campaignId: string;
	direction: 'inbound' | 'outbound';
	customerName: string;
	customerPhoneNumber: string;
	startedAt: string;
	status: CallRecord['status'];
	endedReason: string;
	successResult: CallRecord['successResult'];
	summary: string;
	turns: Turn[];
	/** Overrides the turn-derived duration (e.g. exceeded-max-duration). */
	durationSeconds?: number;
}

const SECONDS_PER_TURN = 9;

const CALL_SEEDS: CallSeed[] = [
	{
		n: 1,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'Maria Gonzalez',
		customerPhoneNumber: '+14155550101',
		startedAt: '2025-06-02T16:05:12.000Z',
		status: 'completed',
		endedReason: 'assistant-ended-call',
		successResult: 'success',
		summary:
			'Maria owns her home in San Jose and pays about $240 a month for electricity. She agreed to a free rooftop assessment on Thursday June 5 at 10am; confirmation to be sent by SMS.',
		turns: [
			['AI', 'Hi, this is Ava from Sunbeam Solar. Am I speaking with Maria?'],
			['User', 'Yes, this is Maria.'],
			[
				'AI',
				'Great! You requested information about solar panels on our website last week. Do you have two minutes?',
			],
			['User', 'Sure, go ahead.'],
			['AI', 'Do you own your home, and roughly how much is your monthly electricity bill?'],
			['User', 'We own it. The bill is around 240 dollars, more in the summer.'],
			[
				'AI',
				'That is a good fit for solar. Could we book a free rooftop assessment? I have Thursday at 10am or Friday at 2pm.',
			],
			['User', 'Thursday at 10 works.'],
			[
				'AI',
				'Perfect, you are booked for Thursday June 5 at 10am. You will get a confirmation text shortly. Have a great day, Maria!',
			],
			['User', 'Thanks, bye.'],
		],
	},
	{
		n: 2,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'James Carter',
		customerPhoneNumber: '+14155550102',
		startedAt: '2025-06-02T17:20:40.000Z',
		status: 'completed',
		endedReason: 'customer-ended-call',
		successResult: 'failure',
		summary:
			'James rents his apartment and is not interested in solar. He asked not to be called again; marked as do-not-call.',
		turns: [
			['AI', 'Hi, this is Ava from Sunbeam Solar. Is this James?'],
			['User', 'Yeah, who is this?'],
			[
				'AI',
				'I am calling about the solar savings estimate you downloaded. Are you the owner of your home?',
			],
			['User', 'No, I rent. I am not interested, please take me off your list.'],
			[
				'AI',
				'Understood, I will make sure you are not contacted again. Sorry for the interruption.',
			],
		],
	},
	{
		n: 3,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'Priya Raman',
		customerPhoneNumber: '+14155550103',
		startedAt: '2025-06-03T15:02:03.000Z',
		status: 'no-answer',
		endedReason: 'customer-did-not-answer',
		successResult: 'unknown',
		summary: 'The customer did not answer the call.',
		turns: [],
	},
	{
		n: 4,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'Tom Becker',
		customerPhoneNumber: '+14155550104',
		startedAt: '2025-06-03T15:10:27.000Z',
		status: 'busy',
		endedReason: 'customer-busy',
		successResult: 'unknown',
		summary: 'The line was busy.',
		turns: [],
	},
	{
		n: 5,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'Linda Okafor',
		customerPhoneNumber: '+14155550105',
		startedAt: '2025-06-03T18:45:00.000Z',
		status: 'completed',
		endedReason: 'assistant-forwarded-call',
		successResult: 'success',
		summary:
			'Linda wants a quote for panels plus a home battery and asked about financing. Transferred to a human sales advisor.',
		turns: [
			['AI', 'Hello, this is Ava from Sunbeam Solar. Am I speaking with Linda?'],
			['User', 'Yes. I was actually going to call you guys.'],
			['AI', 'Wonderful! What would you like to know?'],
			['User', 'I want panels and a battery, and I need to know what financing you offer.'],
			[
				'AI',
				'We offer zero-down loans and leases. For a detailed quote with a battery, let me connect you with one of our advisors.',
			],
			['User', 'That would be great.'],
			['AI', 'Transferring you now, please hold for a moment.'],
		],
	},
	{
		n: 6,
		campaignId: 'cmp_support',
		direction: 'inbound',
		customerName: 'Kevin Walsh',
		customerPhoneNumber: '+13125550106',
		startedAt: '2025-06-04T14:00:31.000Z',
		status: 'completed',
		endedReason: 'assistant-said-end-call-phrase',
		successResult: 'success',
		summary:
			'Kevin rescheduled his cleaning with Dr. Patel from Tuesday June 10 to Friday June 13 at 9:30am.',
		turns: [
			['AI', 'Thank you for calling Brightside Dental, this is Mia. How can I help you today?'],
			['User', 'Hi, I need to move my cleaning appointment next Tuesday.'],
			['AI', 'Of course. Can I have your full name and date of birth?'],
			['User', 'Kevin Walsh, March 3rd 1988.'],
			[
				'AI',
				'Thanks Kevin. I see your cleaning with Dr. Patel on Tuesday June 10 at 3pm. I can offer Thursday June 12 at 4pm or Friday June 13 at 9:30am.',
			],
			['User', 'Friday morning please.'],
			['AI', 'Done: Friday June 13 at 9:30am with Dr. Patel. Is there anything else?'],
			['User', 'No, that is all.'],
			['AI', 'Great, see you Friday. Goodbye!'],
		],
	},
	{
		n: 7,
		campaignId: 'cmp_support',
		direction: 'inbound',
		customerName: 'Aisha Khan',
		customerPhoneNumber: '+13125550107',
		startedAt: '2025-06-04T15:12:09.000Z',
		status: 'completed',
		endedReason: 'customer-ended-call',
		successResult: 'success',
		summary:
			'Aisha asked why she was billed $85 after her visit. The assistant explained that her insurance covered 80% of the filling and offered to email an itemized statement.',
		turns: [
			['AI', 'Thank you for calling Brightside Dental, this is Mia. How can I help you today?'],
			['User', 'I got a bill for 85 dollars and I thought insurance covered everything.'],
			[
				'AI',
				'I understand. Your plan covers preventive care fully and fillings at 80 percent. The 85 dollars is your 20 percent share of the filling.',
			],
			['User', 'Oh, okay. Can I get that in writing?'],
			['AI', 'Certainly, I will email an itemized statement to the address on file.'],
			['User', 'Thanks.'],
		],
	},
	{
		n: 8,
		campaignId: 'cmp_support',
		direction: 'inbound',
		customerName: '',
		customerPhoneNumber: '+13125550108',
		startedAt: '2025-06-05T13:41:55.000Z',
		status: 'completed',
		endedReason: 'silence-timed-out',
		successResult: 'failure',
		summary: 'The caller did not speak; the call ended after the silence timeout.',
		turns: [
			['AI', 'Thank you for calling Brightside Dental, this is Mia. How can I help you today?'],
			['AI', 'Hello? Are you still there?'],
			['AI', 'I am not hearing anything, so I will end the call. Please call back anytime.'],
		],
	},
	{
		n: 9,
		campaignId: 'cmp_support',
		direction: 'inbound',
		customerName: 'Robert Chen',
		customerPhoneNumber: '+13125550109',
		startedAt: '2025-06-05T16:30:00.000Z',
		status: 'completed',
		endedReason: 'exceeded-max-duration',
		successResult: 'unknown',
		summary:
			'Robert had detailed questions about implant coverage under two insurance plans. The call reached the maximum duration before a resolution; a callback from the billing team is needed.',
		durationSeconds: 600,
		turns: [
			['AI', 'Thank you for calling Brightside Dental, this is Mia. How can I help you today?'],
			[
				'User',
				'I have two insurance plans, one through my job and one through my wife, and I need an implant.',
			],
			['AI', 'I can help with that. Which plan is primary?'],
			['User', 'Mine, I think. It is Delta Dental PPO. Hers is Cigna.'],
			[
				'AI',
				'With coordination of benefits, Delta would pay first and Cigna may cover part of the remainder.',
			],
			['User', 'How much would that be for an implant with a crown?'],
			[
				'AI',
				'Estimates vary; we would need a pre-authorization from both plans to give you an exact number.',
			],
			['User', 'Can you start that today?'],
		],
	},
	{
		n: 10,
		campaignId: 'cmp_sales',
		direction: 'outbound',
		customerName: 'Emily Novak',
		customerPhoneNumber: '+14155550110',
		startedAt: '2025-06-06T17:05:44.000Z',
		status: 'failed',
		endedReason: 'twilio-failed-to-connect-call',
		successResult: 'unknown',
		summary: 'The call could not be connected.',
		turns: [],
	},
];

const CAMPAIGN_ASSISTANT: Record<string, string> = Object.fromEntries(
	SEED_CAMPAIGNS.map((c) => [c.id, c.assistantId]),
);

export function callId(n: number): string {
	return `call_${String(n).padStart(4, '0')}`;
}

export function recordingUrl(origin: string, id: string): string {
	return `${origin}/recordings/${id}.mp3`;
}

function addSeconds(iso: string, s: number): string {
	return new Date(Date.parse(iso) + s * 1000).toISOString();
}

/** Turns -> `messages` array and the "AI: ...\nUser: ..." transcript string. */
export function conversation(
	turns: Turn[],
	startedAt: string,
): { messages: CallMessage[]; transcript: string } {
	return {
		messages: turns.map(([who, text], i) => ({
			role: who === 'AI' ? 'assistant' : 'user',
			message: text,
			time: addSeconds(startedAt, 2 + i * SECONDS_PER_TURN),
		})),
		transcript: turns.map(([who, text]) => `${who}: ${text}`).join('\n'),
	};
}

export function seedCalls(origin: string): CallRecord[] {
	return CALL_SEEDS.map((s) => {
		const id = callId(s.n);
		const { messages, transcript } = conversation(s.turns, s.startedAt);
		const durationSeconds =
			s.durationSeconds ?? (s.turns.length ? 4 + s.turns.length * SECONDS_PER_TURN : 0);
		return {
			id,
			campaignId: s.campaignId,
			assistantId: CAMPAIGN_ASSISTANT[s.campaignId],
			direction: s.direction,
			customerPhoneNumber: s.customerPhoneNumber,
			customerName: s.customerName,
			status: s.status,
			endedReason: s.endedReason,
			successResult: s.successResult,
			summary: s.summary,
			transcript,
			messages,
			recordingUrl: s.turns.length ? recordingUrl(origin, id) : null,
			durationSeconds,
			startedAt: s.startedAt,
			endedAt: addSeconds(s.startedAt, durationSeconds),
		};
	});
}

export interface EventScript {
	/** The customer the script was written for: their names are replaced by the event's customer. */
	customerName: string;
	summary: string;
	turns: Turn[];
}

/** Scripted conversations reused by the event generator (events.ts). */
export const EVENT_SCRIPTS: Record<'sales' | 'support', EventScript[]> = {
	sales: CALL_SEEDS.filter((s) => s.campaignId === 'cmp_sales' && s.turns.length > 0).map((s) => ({
		customerName: s.customerName,
		summary: s.summary,
		turns: s.turns,
	})),
	support: CALL_SEEDS.filter((s) => s.campaignId === 'cmp_support' && s.turns.length > 3).map(
		(s) => ({ customerName: s.customerName, summary: s.summary, turns: s.turns }),
	),
};

/** A script told with another customer: their full name, then their first name, replace the script's. */
export function personalise(script: EventScript, customerName: string): EventScript {
	const name = customerName.trim();
	if (!name || !script.customerName) return script;
	const [first] = script.customerName.split(' ');
	const [newFirst] = name.split(' ');
	const swap = (text: string) =>
		text
			.split(script.customerName)
			.join(name)
			.replace(new RegExp(`\\b${first}\\b`, 'g'), newFirst);
	return {
		customerName: name,
		summary: swap(script.summary),
		turns: script.turns.map(([who, text]) => [who, swap(text)]),
	};
}

export const SEED_CHAT_SESSIONS: readonly ChatSession[] = [
	{
		id: 'chs_0001',
		campaignId: 'cmp_chat',
		contactIdentification: '+16175550201',
		contactName: 'Olivia Brooks',
		channel: 'sms',
		status: 'completed',
		timestamp: '2025-06-03T19:22:10.000Z',
	},
	{
		id: 'chs_0002',
		campaignId: 'cmp_chat',
		contactIdentification: 'daniel.kim@icloud.com',
		contactName: 'Daniel Kim',
		channel: 'imessage',
		status: 'pending_human_response',
		timestamp: '2025-06-05T12:48:31.000Z',
	},
	{
		id: 'chs_0003',
		campaignId: 'cmp_chat',
		contactIdentification: '+16175550203',
		contactName: 'Sofia Rossi',
		channel: 'sms',
		status: 'active',
		timestamp: '2025-06-06T10:05:02.000Z',
	},
];

const CHAT_SCRIPTS: Record<string, { start: string; turns: [ChatMessage['role'], string][] }> = {
	chs_0001: {
		start: '2025-06-03T19:10:00.000Z',
		turns: [
			['user', 'Hi, is the 2 bedroom on Beacon St still available?'],
			[
				'assistant',
				'Hi Olivia! Yes, 214 Beacon St #3 is available from July 1 at $3,150/month. Would you like to see it?',
			],
			['user', 'Yes, can I come Saturday?'],
			['assistant', 'Saturday works. I have 11:00am or 1:30pm. Which do you prefer?'],
			['user', '11 please'],
			[
				'assistant',
				'Booked: Saturday June 7 at 11:00am at 214 Beacon St. Our agent Mark will meet you at the front door. Reply STOP to opt out.',
			],
		],
	},
	chs_0002: {
		start: '2025-06-05T12:40:00.000Z',
		turns: [
			['user', 'Hello, I saw the condo on Harbor View for 689k. Is the seller open to offers?'],
			[
				'assistant',
				'Hi Daniel! Thanks for your interest in 55 Harbor View #12. I can share details, and price questions go to our listing agent.',
			],
			['user', 'I would like to offer 650k cash with a 2 week close.'],
			[
				'assistant',
				'Thank you. I am passing your offer to the listing agent, who will reply here shortly.',
			],
		],
	},
	chs_0003: {
		start: '2025-06-06T10:00:00.000Z',
		turns: [
			['user', 'Do you have any 1 bedroom rentals in Cambridge under 2800?'],
			[
				'assistant',
				'Hi Sofia! We have two: 18 Prospect St ($2,650) and 402 Mass Ave ($2,790). Want photos of either?',
			],
			['user', 'Photos of the Prospect one please'],
		],
	},
};

export function seedChatMessages(): ChatMessage[] {
	const out: ChatMessage[] = [];
	let n = 0;
	for (const session of SEED_CHAT_SESSIONS) {
		const script = CHAT_SCRIPTS[session.id];
		script.turns.forEach(([role, content], i) => {
			n++;
			out.push({
				id: `msg_${String(n).padStart(4, '0')}`,
				sessionId: session.id,
				role,
				content,
				channel: session.channel,
				createdAt: addSeconds(script.start, i * 45),
			});
		});
	}
	return out;
}
