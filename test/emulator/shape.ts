// Output shaping: the live API answers PascalCase Azure-table records and the docs show
// camelCase; lists may come bare or wrapped. Every mode is produced here from the canonical
// camelCase records so the rest of the emulator never thinks about it.
import type {
	CallRecord,
	Campaign,
	Casing,
	ChatMessage,
	ChatSession,
	ListShape,
	ScheduledCall,
	Subscription,
} from './types';

type Obj = Record<string, unknown>;

function upperFirst(key: string): string {
	return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Recursively PascalCases keys (arrays of objects included). */
export function pascalize(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(pascalize);
	if (value && typeof value === 'object') {
		const out: Obj = {};
		for (const [k, v] of Object.entries(value as Obj)) out[upperFirst(k)] = pascalize(v);
		return out;
	}
	return value;
}

export function wrapList(items: unknown[], shape: ListShape): unknown {
	return shape === 'bare' ? items : { [shape]: items, count: items.length };
}

/** [live] voice campaigns carry CallType: "1" inbound, "2" outbound. */
const callType = (c: Campaign) =>
	c.type !== 'voice' ? {} : { callType: c.direction === 'inbound' ? '1' : '2' };

export function shapeCampaign(c: Campaign, casing: Casing): Obj {
	if (casing === 'camel') return { ...c, ...callType(c) };
	const { id, name, ...rest } = c;
	// Azure table entity: id in RowKey, the display name in BusinessName.
	return {
		PartitionKey: 'campaign',
		RowKey: id,
		Timestamp: c.createdAt,
		BusinessName: name,
		...(pascalize({ ...rest, ...callType(c) }) as Obj),
	};
}

export function shapeCall(r: CallRecord, casing: Casing): Obj {
	if (casing === 'camel')
		return { ...r, callId: r.id, messages: r.messages.map((m) => ({ ...m })) };
	const { id, ...rest } = r;
	return {
		PartitionKey: r.campaignId,
		RowKey: id,
		Timestamp: r.endedAt,
		CallId: id,
		...(pascalize(rest) as Obj),
	};
}

export function shapeSession(s: ChatSession, casing: Casing): Obj {
	if (casing === 'camel') return { ...s };
	const { id, campaignId, ...rest } = s;
	return {
		PartitionKey: campaignId,
		RowKey: id,
		CampaignId: campaignId,
		...(pascalize(rest) as Obj),
	};
}

export function shapeMessage(m: ChatMessage, casing: Casing): Obj {
	if (casing === 'camel') return { ...m };
	const { id, sessionId, ...rest } = m;
	return {
		PartitionKey: sessionId,
		RowKey: id,
		SessionId: sessionId,
		Timestamp: m.createdAt,
		...(pascalize(rest) as Obj),
	};
}

export function shapeSubscription(s: Subscription, casing: Casing): Obj {
	const item = {
		hookUrl: s.hookUrl,
		campaignId: s.campaignId,
		triggerName: s.triggerName,
		provider: s.provider,
		id: s.id,
	};
	return casing === 'camel' ? item : (pascalize(item) as Obj);
}

/** A scheduled call [guess: the answer of GET /call/scheduled was never recovered]. */
export function shapeSchedule(s: ScheduledCall, casing: Casing): Obj {
	if (casing === 'camel') return { ...s };
	return {
		PartitionKey: s.campaignId,
		RowKey: String(s.sequenceNumber),
		Timestamp: s.createdAt,
		...(pascalize(s) as Obj),
	};
}
