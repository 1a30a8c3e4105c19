import type { INodeProperties } from 'n8n-workflow';

import { deleteCampaign } from '../../../shared/api/campaigns';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator } from '../properties';
import { capOptions, changeCampaignOnce } from './cap';

const show = showFor('campaign', 'delete');
const WHAT = 'delete the campaign';

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description:
			'The campaign to delete, with its agent. This cannot be undone in n8n. A campaign already deleted fails with "not found", unless an earlier item of the same execution deleted it (then it answers alreadyDone).',
	}),
	confirmProperty(show, WHAT),
	capOptions(show, true),
];

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const campaignId = campaignIdParameter(this, itemIndex);
	assertConfirmed(this, itemIndex, WHAT);
	const change = {
		campaignId,
		kind: 'delete' as const,
		signature: 'deleted',
		words: `delete campaign "${campaignId}"`,
		done: { campaignId, deleted: true },
	};
	return [
		await changeCampaignOnce(this, itemIndex, run, change, () =>
			deleteCampaign.call(this, campaignId),
		),
	];
};
