import type { INodeProperties } from 'n8n-workflow';

import { deleteKnowledge } from '../../../shared/api/knowledge';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { optionalCampaign } from './properties';

const show = showFor('knowledge', 'delete');
const WHAT = 'delete knowledge files';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deleting removes the file from Atlas: every agent that knew it stops knowing it. Atlas deletes by file name, so every file of that name goes.',
		name: 'deleteNotice',
		description: 'Deleting is permanent',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. price-list.pdf',
		description: 'The name of the knowledge file as Atlas lists it (fileName of Get Many)',
		displayOptions: show,
	},
	optionalCampaign(
		show,
		"Delete the file only from this campaign's knowledge. Leave it empty to delete it from the account.",
	),
	confirmProperty(show, WHAT),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const fileName = requiredString(
		this,
		'fileName',
		itemIndex,
		`File Name of item ${itemIndex + 1}`,
		'Enter the file name as Atlas lists it (fileName of Knowledge > Get Many).',
	);
	assertConfirmed(this, itemIndex, WHAT);
	const campaignId = campaignIdParameter(this, itemIndex, { optional: true });
	await deleteKnowledge.call(this, fileName, campaignId);
	return [{ fileName, campaignId: campaignId || null, deleted: true }];
};
