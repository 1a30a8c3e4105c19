import type { INodeProperties } from 'n8n-workflow';

import { listKnowledge } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit, campaignIdParameter } from '../parameters';
import { returnAllAndLimit, simplifyProperty } from '../properties';
import { optionalCampaign } from './properties';

const show = showFor('knowledge', 'getAll');

export const description: INodeProperties[] = [
	optionalCampaign(
		show,
		'Only the files of this campaign. Leave it empty for every knowledge file of the account.',
	),
	...returnAllAndLimit(show),
	simplifyProperty(show, 'knowledgeId, fileName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { optional: true });
	return applyLimit(this, itemIndex, await listKnowledge.call(this, campaignId));
};
