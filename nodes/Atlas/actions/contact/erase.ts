import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteCall } from '../../../shared/api/calls';
import { errorText } from '../../../shared/util/errors';
import { assertConfirmed, confirmProperty } from '../confirm';
import { checkDeletionCap, deleteRefusal, maxDeletionsOption } from '../deletions';
import type { OperationExecute } from '../operation';
import { PartialFailure, showFor } from '../operation';
import { phoneParameter } from '../parameters';
import { defaultCountryProperty } from '../properties';
import type { FoundCall } from './find';
import { findCalls, findChatSessions } from './find';

/*
 * Erase a Contact: every call record of one phone number deleted, for a privacy request. It
 * lists first (exact matches only), deletes what it found one by one, and outputs one item:
 * what was erased, what failed, and what Atlas offers no way to erase (chat sessions), so the
 * requester can be told the truth. Dry Run only lists.
 */

const show = showFor('contact', 'erase');
const WHAT = "erase a contact's call records";
const NO_CHAT_ERASE =
	'Atlas offers no way to delete chat sessions or their messages through its API: ask Atlas support to delete them, and tell the requester they remain until then';

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'customerPhoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +1 415 555 0123',
		description:
			'The number of the person whose data is erased, as they gave it. Only records of exactly this number are deleted.',
		displayOptions: show,
	},
	defaultCountryProperty(show),
	{
		displayName: 'Campaigns',
		name: 'eraseIn',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Campaigns', value: 'all', description: 'Every campaign of the account' },
			{ name: 'Chosen Campaigns', value: 'chosen', description: 'Only the campaigns listed' },
		],
		description: 'Where to erase the call records of this number',
		displayOptions: show,
	},
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cmp_sales, cmp_support',
		description: 'The IDs of the campaigns, separated by commas',
		displayOptions: { show: { resource: ['contact'], operation: ['erase'], eraseIn: ['chosen'] } },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only list what would be erased, deleting nothing (needs no permission below)',
		displayOptions: show,
	},
	confirmProperty(show, WHAT),
	{
		displayName: 'Options',
		name: 'eraseOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Safety options: they apply when not added, with the defaults shown',
		displayOptions: show,
		options: [maxDeletionsOption],
	},
];

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const phone = phoneParameter(this, 'customerPhoneNumber', itemIndex, 'Phone number');
	const country = String(this.getNodeParameter('defaultCountry', itemIndex, '') ?? '');
	const chosen = this.getNodeParameter('eraseIn', itemIndex, 'all') === 'chosen';
	const campaignIds = chosen
		? String(this.getNodeParameter('campaignIds', itemIndex, '') ?? '')
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean)
		: [];
	if (chosen && campaignIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No campaign IDs given', {
			itemIndex,
			description:
				'Nothing was erased. Enter the IDs of the campaigns, separated by commas, or choose All Campaigns.',
		});
	}
	const dryRun = this.getNodeParameter('dryRun', itemIndex, false) === true;
	if (!dryRun) assertConfirmed(this, itemIndex, WHAT);

	const calls = await findCalls(this, phone, campaignIds, country);
	const chats = await findChatSessions(this, phone, campaignIds, country);
	const summary: IDataObject = {
		customerPhoneNumber: phone,
		campaigns: chosen ? campaignIds : 'all',
		dryRun,
		...notErasable(chats),
	};
	if (dryRun) {
		return [{ ...summary, wouldErase: calls.map(describe), wouldEraseCount: calls.length }];
	}

	const options = this.getNodeParameter('eraseOptions', itemIndex, {}) as IDataObject;
	checkDeletionCap(
		this,
		itemIndex,
		run,
		options.maxDeletions,
		calls.length,
		`the calls of ${phone}`,
	);
	const erased: FoundCall[] = [];
	const alreadyGone: FoundCall[] = [];
	const failed: IDataObject[] = [];
	for (const call of calls) {
		try {
			const result = await deleteCall.call(this, call.callId, deleteRefusal(call.callId));
			if (result.deleted) {
				erased.push(call);
				run.deletions.deleted++;
			} else alreadyGone.push(call);
		} catch (error) {
			failed.push({ ...describe(call), error: errorText(error) });
		}
	}
	const item: IDataObject = {
		...summary,
		erased: erased.map(describe),
		erasedCount: erased.length,
		erasedCampaigns: [...new Set(erased.map((call) => call.campaignId).filter(Boolean))],
		alreadyGone: alreadyGone.map(describe),
		failed,
		failedCount: failed.length,
		complete: failed.length === 0,
	};
	if (failed.length === 0) return [item];
	throw new PartialFailure(
		new NodeOperationError(
			this.getNode(),
			`Erased ${erased.length} of ${calls.length} call records of ${phone}: ${failed.length} could not be deleted`,
			{
				itemIndex,
				description: `Not erased: ${failed.map((f) => `${String(f.callId)} (${String(f.error)})`).join('; ')}. Running the item again erases what is left (what is gone already is reported as such). With Continue On Fail the node outputs what was erased and what was not.`,
			},
		),
		[item],
	);
};

function describe(call: FoundCall): IDataObject {
	return { callId: call.callId, campaignId: call.campaignId, startedAt: call.startedAt };
}

/** What Atlas holds of the contact that this node cannot erase, said plainly. */
function notErasable(chats: Awaited<ReturnType<typeof findChatSessions>>): IDataObject {
	return {
		chatSessions: chats.sessions,
		chatSessionsNote:
			chats.sessions.length > 0
				? `${chats.sessions.length} chat session(s) of this number remain. ${NO_CHAT_ERASE}.`
				: 'No chat session of this number was found.',
		...(chats.unchecked.length > 0 ? { chatSessionsUnchecked: chats.unchecked } : {}),
	};
}
