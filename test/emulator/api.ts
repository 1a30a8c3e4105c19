// The Atlas API routes (below the base path /v1/api). Behaviour follows atlas-api.md; where it
// marks something [guess] the route or answer says so in a comment, so it can change in one place.
import { ApiError, route, type Route } from './http';
import {
	defaultCampaignFor,
	applyCasing,
	eventFromCall,
	eventFromChat,
	type EventGenerator,
} from './events';
import {
	shapeCall,
	shapeCampaign,
	shapeMessage,
	shapeSchedule,
	shapeSession,
	shapeSubscription,
	wrapList,
} from './shape';
import { ERASE_ROUTES, phoneMatches } from './erase';
import { KNOWLEDGE_ROUTES } from './knowledge';
import type { Store } from './store';
import { TRIGGER_NAMES, type TriggerName } from './types';

export interface ApiContext {
	params: Record<string, string>;
	query: Record<string, string>;
	body: unknown;
	/** The raw bytes of an application/octet-stream body (knowledge uploads). */
	bytes?: Buffer;
	store: Store;
	events: EventGenerator;
}

export interface ApiResult {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Raw bytes instead of JSON (recordings). */
	raw?: Buffer;
}

export interface ApiRouteDef {
	/** false: no api-key check (recordings). */
	auth: boolean;
	run: (ctx: ApiContext) => ApiResult;
}

type Obj = Record<string, unknown>;

const DOCUMENTED_TRIGGERS = TRIGGER_NAMES.filter((t) => t !== 'message_session_completed');

function objectBody(body: unknown): Obj {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiError(400, 'Request body must be a JSON object');
	return body as Obj;
}

/** class-validator style messages ("x should not be empty", "x must be a string"). */
function requireString(b: Obj, key: string, errors: string[]): string {
	const v = b[key];
	if (v === undefined || v === null || v === '') errors.push(`${key} should not be empty`);
	else if (typeof v !== 'string') errors.push(`${key} must be a string`);
	else return v;
	return '';
}

function subscriptionInput(b: Obj, strict: boolean, requireHttps: boolean) {
	const errors: string[] = [];
	const hookUrl = requireString(b, 'hookUrl', errors);
	if (strict && hookUrl) {
		let url: URL | undefined;
		try {
			url = new URL(hookUrl);
		} catch {
			errors.push('hookUrl must be a URL address');
		}
		if (url && url.protocol !== 'https:' && (requireHttps || url.protocol !== 'http:')) {
			errors.push(
				requireHttps ? 'hookUrl must be an HTTPS URL' : 'hookUrl must be an http or https URL',
			);
		}
	}
	const campaignId = requireString(b, 'campaignId', errors);
	const triggerName = requireString(b, 'triggerName', errors);
	const provider = requireString(b, 'provider', errors);
	if (strict && triggerName && !TRIGGER_NAMES.includes(triggerName as TriggerName)) {
		errors.push(
			`triggerName must be one of the following values: ${DOCUMENTED_TRIGGERS.join(', ')}`,
		);
	}
	if (errors.length) throw new ApiError(400, errors);
	return { hookUrl, campaignId, triggerName: triggerName as TriggerName, provider };
}

function parseDate(q: Record<string, string>, key: string): number | undefined {
	const v = q[key];
	if (v === undefined || v === '') return undefined;
	const t = Date.parse(v);
	if (Number.isNaN(t)) throw new ApiError(400, `${key} must be a valid ISO 8601 date string`);
	return t;
}

function requireCampaign(store: Store, id: string) {
	const c = store.campaign(id);
	if (!c) throw new ApiError(404, 'Campaign not found');
	return c;
}

// A valid-looking MP3: an ID3v2 header then ten silent MPEG-1 Layer III frames (128 kbps,
// 44.1 kHz, 417 bytes each), about 4 KB.
export const FAKE_MP3: Buffer = (() => {
	const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
	const frame = Buffer.alloc(417);
	frame.set([0xff, 0xfb, 0x90, 0x64]);
	return Buffer.concat([id3, ...Array.from({ length: 10 }, () => frame)]);
})();

export const API_ROUTES: Route<ApiRouteDef>[] = [
	route('POST', '/events-gateway/trigger/subscribe', {
		auth: true,
		run: ({ body, store }) => {
			const input = subscriptionInput(objectBody(body), true, store.config.requireHttps);
			// [guess] Atlas's answer for an unknown campaign is not documented; 404 is our pick.
			if (input.campaignId !== '*') requireCampaign(store, input.campaignId);
			const sub = store.subscribe(input);
			const answer = { id: sub.id, campaignId: sub.campaignId, triggerName: sub.triggerName };
			return { status: 201, body: applyCasing(answer, store.config.subscriptionCasing) };
		},
	}),
	route('DELETE', '/events-gateway/trigger/unsubscribe', {
		auth: true,
		run: ({ body, store }) => {
			const input = subscriptionInput(objectBody(body), false, false);
			const removed = store.unsubscribe(input);
			if (!removed && store.config.unsubscribeMissing === '404')
				throw new ApiError(404, 'Subscription not found');
			return { status: 200, body: {} };
		},
	}),
	// [guess] path and answer of "List webhooks for a campaign".
	route('GET', '/events-gateway/trigger/list', {
		auth: true,
		run: ({ query, store }) => {
			const subs = store
				.subscriptions(query.campaignId)
				.map((s) => shapeSubscription(s, store.config.subscriptionCasing));
			return { body: wrapList(subs, store.config.listShape) };
		},
	}),
	// [guess] path and answer of "Get a sample event payload" (built from the campaign's data).
	route('GET', '/events-gateway/trigger/sample', {
		auth: true,
		run: ({ query, store, events }) => {
			const trigger = query.triggerName;
			if (!trigger) throw new ApiError(400, 'triggerName should not be empty');
			if (!TRIGGER_NAMES.includes(trigger as TriggerName)) {
				throw new ApiError(
					400,
					`triggerName must be one of the following values: ${DOCUMENTED_TRIGGERS.join(', ')}`,
				);
			}
			const campaignId =
				!query.campaignId || query.campaignId === '*'
					? defaultCampaignFor(trigger)
					: query.campaignId;
			requireCampaign(store, campaignId);
			let event: Obj | undefined;
			if (trigger.startsWith('call_')) {
				const call = store.calls
					.filter((c) => c.campaignId === campaignId && c.messages.length > 0)
					.at(-1);
				if (call) event = eventFromCall(call, trigger);
			} else {
				const role = trigger === 'message_sent' ? 'assistant' : 'user';
				const sessions = store.chatSessions.filter((s) => s.campaignId === campaignId);
				const msg = store.chatMessages
					.filter((m) => m.role === role && sessions.some((s) => s.id === m.sessionId))
					.at(-1);
				if (msg)
					event = eventFromChat(
						msg,
						sessions.find((s) => s.id === msg.sessionId)!,
						trigger,
					);
			}
			event ??= events.generate(trigger, { campaignId });
			event = applyCasing(event, store.config.eventCasing);
			return { body: store.config.sampleShape === 'array' ? [event] : event };
		},
	}),
	route('GET', '/campaign', {
		auth: true,
		run: ({ store }) => ({
			body: wrapList(
				store.campaigns.map((c) => shapeCampaign(c, store.config.casing)),
				store.config.listShape,
			),
		}),
	}),
	// NestJS answers 201 to a POST by default; [guess] that these keep it. The path's spelling is
	// a guess too (atlas-api.md): config.schedulePath says which spelling(s) exist.
	...(['createschedule', 'createSchedule'] as const).map((spelling) =>
		route<ApiRouteDef>('POST', `/campaign/${spelling}`, {
			auth: true,
			run: ({ body, store }) => {
				const allowed = store.config.schedulePath;
				if (allowed !== 'both' && allowed !== spelling)
					throw new ApiError(404, `Cannot POST /v1/api/campaign/${spelling}`);
				return schedule(objectBody(body), store);
			},
		}),
	),
	route('GET', '/call/scheduled/:campaignId', {
		auth: true,
		run: ({ params, store }) => {
			requireCampaign(store, params.campaignId);
			// [guess] the answer was never recovered: the schedules of the campaign, oldest first.
			const list = store.schedules
				.filter((s) => s.campaignId === params.campaignId)
				.map((s) => shapeSchedule(s, store.config.casing));
			return { body: wrapList(list, store.config.listShape) };
		},
	}),
	route('GET', '/campaign/:id', {
		auth: true,
		run: ({ params, store }) => ({
			body: shapeCampaign(requireCampaign(store, params.id), store.config.casing),
		}),
	}),
	route('GET', '/call', {
		auth: true,
		run: ({ query, store }) => {
			const from = parseDate(query, 'startDate');
			const to = parseDate(query, 'endDate');
			const phone = query.customerPhoneNumber ?? '';
			const calls = store.calls
				.filter(
					(c) => !query.campaignId || query.campaignId === '*' || c.campaignId === query.campaignId,
				)
				.filter((c) => from === undefined || Date.parse(c.startedAt) >= from)
				.filter((c) => to === undefined || Date.parse(c.startedAt) <= to)
				.filter((c) => !phone || phoneMatches(store, c.customerPhoneNumber, phone))
				.sort((a, b) => b.startedAt.localeCompare(a.startedAt)); // newest first
			return {
				body: wrapList(
					calls.map((c) => shapeCall(c, store.config.casing)),
					store.config.listShape,
				),
			};
		},
	}),
	route('GET', '/call/:id', {
		auth: true,
		run: ({ params, store }) => {
			const c = store.call(params.id);
			if (!c) throw new ApiError(404, 'Call not found');
			return { body: shapeCall(c, store.config.casing) };
		},
	}),
	route('GET', '/campaign-chat/sessions/:sessionId/messages', {
		auth: true,
		run: ({ params, store }) => {
			if (!store.session(params.sessionId)) throw new ApiError(404, 'Session not found');
			const msgs = store.chatMessages.filter((m) => m.sessionId === params.sessionId);
			return {
				body: wrapList(
					msgs.map((m) => shapeMessage(m, store.config.casing)),
					store.config.listShape,
				),
			};
		},
	}),
	route('GET', '/campaign-chat/:campaignId', {
		auth: true,
		run: ({ params, store }) => {
			requireCampaign(store, params.campaignId);
			const sessions = store.chatSessions.filter((s) => s.campaignId === params.campaignId);
			return {
				body: wrapList(
					sessions.map((s) => shapeSession(s, store.config.casing)),
					store.config.listShape,
				),
			};
		},
	}),
	route('POST', '/campaign-chat/:campaignId/send-human-response', {
		auth: true,
		run: ({ params, body, store }) => {
			const b = objectBody(body);
			const errors: string[] = [];
			const sessionId = requireString(b, 'sessionId', errors);
			const message = requireString(b, 'message', errors);
			if (errors.length) throw new ApiError(400, errors);
			requireCampaign(store, params.campaignId);
			const session = store.session(sessionId);
			// [live] a session that is not the contact's current one (unknown, of another campaign,
			// replaced by a newer one) gets this misleading 400.
			const current =
				session && session.campaignId === params.campaignId
					? store.sessionsOf(params.campaignId, session.contactIdentification)[0]
					: undefined;
			if (!session || current?.id !== session.id)
				throw new ApiError(400, 'Human handoff is not enabled for this campaign');
			if (session.status === 'completed' || session.status === 'failed')
				throw new ApiError(400, 'Chat session is no longer active');
			store.addChatMessage(session, 'assistant', message, true);
			session.status = 'active';
			// [live] "Response sent"
			return { status: 201, body: 'Response sent' };
		},
	}),
	route('POST', '/campaign-chat/:campaignId/sessions/sms/schedule', {
		auth: true,
		run: ({ params, body, store }) => {
			const b = objectBody(body);
			const errors: string[] = [];
			const customerPhoneNumber = requireString(b, 'customerPhoneNumber', errors);
			const customMessage = requireString(b, 'customMessage', errors);
			if (customerPhoneNumber && !E164.test(customerPhoneNumber))
				errors.push('customerPhoneNumber must be a valid phone number');
			if (errors.length) throw new ApiError(400, errors);
			const campaign = requireCampaign(store, params.campaignId);
			// [guess] the refusal of a voice campaign
			if (campaign.type !== 'chat') throw new ApiError(400, 'Campaign is not a chat campaign');
			const session = store.addChatSession({
				campaignId: campaign.id,
				contactIdentification: customerPhoneNumber,
				contactName: typeof b.customerName === 'string' ? b.customerName : '',
				channel: 'sms',
			});
			store.addChatMessage(session, 'assistant', customMessage);
			// [live] the new session's id as sessionId, SessionId or RowKey
			const answer =
				store.config.casing === 'pascal' ? { SessionId: session.id } : { sessionId: session.id };
			return { status: 201, body: answer };
		},
	}),
	route('POST', '/campaign-chat/:campaignId/contacts/:contact/human-handoff', {
		auth: true,
		run: ({ params, body, store }) => {
			const b = objectBody(body);
			// [live] Atlas's own code sends an explicit boolean
			if (typeof b.enabled !== 'boolean')
				throw new ApiError(400, 'enabled must be a boolean value');
			requireCampaign(store, params.campaignId);
			const sessions = store.sessionsOf(params.campaignId, params.contact);
			if (sessions.length === 0) throw new ApiError(404, 'Contact not found');
			for (const session of sessions) session.humanHandoff = b.enabled;
			const current = sessions[0];
			if (current.status !== 'completed' && current.status !== 'failed')
				current.status = b.enabled ? 'pending_human_response' : 'active';
			// [guess] the answer is not recorded anywhere
			return { status: 201, body: {} };
		},
	}),
	...ERASE_ROUTES,
	route('GET', '/recordings/:callId.mp3', {
		auth: false,
		run: () => ({ body: undefined, raw: FAKE_MP3, headers: { 'content-type': 'audio/mpeg' } }),
	}),
	...KNOWLEDGE_ROUTES,
];

const E164 = /^\+[1-9]\d{7,14}$/;

/** POST createschedule: checks as Atlas would [guess for the words], then stores (and places) it. */
function schedule(b: Obj, store: Store): ApiResult {
	const errors: string[] = [];
	const campaignId = requireString(b, 'campaignId', errors);
	const customerPhoneNumber = requireString(b, 'customerPhoneNumber', errors);
	// required by the reference (createschedule); a blank name is no name
	const name = typeof b.customerName === 'string' ? b.customerName.trim() : b.customerName;
	requireString({ customerName: name }, 'customerName', errors);
	if (b.customerInfo !== undefined && typeof b.customerInfo !== 'string')
		errors.push('customerInfo must be a string');
	const rejected = store.config.rejectedNumbers.split(',').map((n) => n.trim());
	if (
		customerPhoneNumber &&
		(!E164.test(customerPhoneNumber) || rejected.includes(customerPhoneNumber))
	)
		errors.push('customerPhoneNumber must be a valid phone number');
	let scheduledDate: string | null = null;
	if (b.scheduledDate !== undefined) {
		const t = typeof b.scheduledDate === 'string' ? Date.parse(b.scheduledDate) : NaN;
		if (Number.isNaN(t)) errors.push('scheduledDate must be a valid ISO 8601 date string');
		else scheduledDate = new Date(t).toISOString();
	}
	if (errors.length) throw new ApiError(400, errors);
	const campaign = requireCampaign(store, campaignId);
	if (campaign.type !== 'voice' || campaign.direction === 'inbound')
		throw new ApiError(400, 'Campaign is not an outbound campaign');
	// [guess] a campaign turned off (campaigns-control.ts) takes no new calls
	if (campaign.status !== 'active') throw new ApiError(400, 'Campaign is not active');
	const limit = store.config.outboundDailyLimit;
	const today = new Date().toISOString().slice(0, 10);
	const scheduledToday = store.schedules.filter(
		(s) => s.campaignId === campaignId && s.createdAt.startsWith(today),
	).length;
	if (limit > 0 && scheduledToday >= limit)
		throw new ApiError(400, 'call.start.error-vapi-number-outbound-daily-limit');
	const s = store.addSchedule({
		campaignId,
		customerPhoneNumber,
		customerName: (b.customerName as string | undefined) ?? '',
		...(typeof b.customerInfo === 'string' ? { customerInfo: b.customerInfo } : {}),
		scheduledDate,
	});
	return { status: 201, body: { sequenceNumber: s.sequenceNumber } };
}
