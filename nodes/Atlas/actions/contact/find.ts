import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FIELD_ALIASES } from '../../../shared/atlas/fields';
import { getCampaign, listCampaigns } from '../../../shared/api/campaigns';
import { fetchCalls } from '../../../shared/api/calls';
import { fetchChatSessions } from '../../../shared/api/chats';
import { readCall } from '../../../shared/model/call';
import { chatSessionItem } from '../../../shared/model/chat';
import { foldRecord, pickString } from '../../../shared/model/read';
import { parsePhoneNumber } from '../../../shared/model/phone';
import { errorText } from '../../../shared/util/errors';

/*
 * Erase a Contact, first half: what Atlas holds of one phone number. Atlas's own filter on
 * customerPhoneNumber is not trusted (how it matches is not documented): every record it returns
 * is kept only when its own number, read as a phone number, is exactly the one asked for.
 */

export interface FoundCall {
	callId: string;
	campaignId: string | null;
	startedAt: string | null;
}

/** True when `value`, read as a phone number (Default Country for local ones), is `e164`. */
export function sameNumber(value: unknown, e164: string, country: string): boolean {
	const read = parsePhoneNumber(value, country);
	return read.ok && read.e164 === e164;
}

/** The call records of `e164`: in every campaign ('' ) or in each of `campaignIds`. */
export async function findCalls(
	ctx: IExecuteFunctions,
	e164: string,
	campaignIds: string[],
	country: string,
): Promise<FoundCall[]> {
	const lists =
		campaignIds.length === 0
			? [await fetchCalls.call(ctx, { customerPhoneNumber: e164 })]
			: await sequential(campaignIds, async (campaignId) => {
					// a mistyped ID must fail, not erase nothing quietly (Atlas lists no calls for it)
					await getCampaign.call(ctx, campaignId);
					return await fetchCalls.call(ctx, { campaignId, customerPhoneNumber: e164 });
				});
	const found = new Map<string, FoundCall>();
	for (const raw of lists.flat()) {
		const call = readCall(raw);
		if (!call.callId || !sameNumber(call.customerPhoneNumber, e164, country)) continue;
		if (campaignIds.length > 0 && call.campaignId && !campaignIds.includes(call.campaignId))
			continue;
		found.set(call.callId, {
			callId: call.callId,
			campaignId: call.campaignId ?? null,
			startedAt: call.startedAt ?? null,
		});
	}
	return [...found.values()];
}

export interface ChatFindings {
	sessions: IDataObject[];
	/** Campaigns whose chat sessions could not be read, and why. */
	unchecked: Array<{ campaignId: string; error: string }>;
}

/** The chat sessions of `e164` (Atlas offers no way to delete them: they are reported). */
export async function findChatSessions(
	ctx: IExecuteFunctions,
	e164: string,
	campaignIds: string[],
	country: string,
): Promise<ChatFindings> {
	const ids = campaignIds.length > 0 ? campaignIds : await chatCampaignIds(ctx);
	const findings: ChatFindings = { sessions: [], unchecked: [] };
	for (const campaignId of ids) {
		let sessions: IDataObject[];
		try {
			sessions = await fetchChatSessions.call(ctx, campaignId);
		} catch (error) {
			findings.unchecked.push({ campaignId, error: errorText(error) });
			continue;
		}
		for (const raw of sessions) {
			const session = chatSessionItem(raw, campaignId);
			if (!sameNumber(session.contact, e164, country)) continue;
			const { sessionId, channel, status, time } = session;
			findings.sessions.push({ sessionId, campaignId: session.campaignId, channel, status, time });
		}
	}
	return findings;
}

/** Every campaign that may hold chat sessions (all but those that read as voice campaigns). */
async function chatCampaignIds(ctx: IExecuteFunctions): Promise<string[]> {
	const ids: string[] = [];
	for (const raw of await listCampaigns.call(ctx)) {
		const folded = foldRecord(raw);
		const id = pickString(folded, ...FIELD_ALIASES.campaignRecordId)?.trim();
		const type = pickString(folded, ...FIELD_ALIASES.campaignType) ?? '';
		if (id && !/voice|phone|call/i.test(type)) ids.push(id);
	}
	return ids;
}

async function sequential<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (const item of items) out.push(await run(item));
	return out;
}
