import type { IDataObject } from 'n8n-workflow';

import { foldRecord, pickString } from '../model/read';

/*
 * What kind of campaign a campaign list item is, for pickers that should offer the campaigns that
 * can do the job first (Call > Schedule places calls only from outbound voice campaigns).
 * [live] campaign list items carry `CallType` ("1" inbound, "2" outbound) and `Status`;
 * [doc] creating a campaign takes `campaignType` and, for phone campaigns, `CallType`.
 * [guess] a chat campaign says so in its type (`Type`, `campaignType`: "chat", "sms", ...) or has
 * a `ChatPhoneNumberId` and no `CallType`. Unknown stays unknown: such a campaign is not marked.
 */
export type CampaignKind = 'outbound' | 'inbound' | 'chat' | 'unknown';

const CALL_TYPE_FIELDS = ['CallType', 'callType', 'direction'];
const TYPE_FIELDS = ['campaignType', 'Type', 'type', 'channel'];
const CHAT_NUMBER_FIELDS = ['ChatPhoneNumberId', 'chatPhoneNumberId'];
const OUTBOUND = /^(2|outbound)$/i;
const INBOUND = /^(1|inbound)$/i;
const CHAT = /chat|sms|imessage|whatsapp|messag/i;

export function campaignKind(record: IDataObject): CampaignKind {
	const folded = foldRecord(record);
	const type = pickString(folded, ...TYPE_FIELDS)?.trim() ?? '';
	if (CHAT.test(type)) return 'chat';
	const callType = pickString(folded, ...CALL_TYPE_FIELDS)?.trim() ?? '';
	if (OUTBOUND.test(callType)) return 'outbound';
	if (INBOUND.test(callType)) return 'inbound';
	if (!callType && pickString(folded, ...CHAT_NUMBER_FIELDS)) return 'chat';
	return 'unknown';
}
