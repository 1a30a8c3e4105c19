import type { INodeProperties } from 'n8n-workflow';

import { deleteCampaign } from '../../../shared/api/campaigns';
import { toRecord } from '../../../shared/model/read';
import { receipt } from '../../../shared/model/values';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator } from '../properties';

const show = showFor('campaign', 'delete');
const WHAT = 'delete the campaign';

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description:
			'The campaign to delete, with its agent. This cannot be undone in n8n. A campaign already deleted fails with "not found".',
	}),
	confirmProperty(show, WHAT),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	assertConfirmed(this, itemIndex, WHAT);
	const answer = await deleteCampaign.call(this, campaignId);
	return [receipt({ campaignId, deleted: true }, toRecord(answer) ?? {})];
};
