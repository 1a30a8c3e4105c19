import type { INodeProperties } from 'n8n-workflow';

import { linkedCampaigns } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { requiredString } from '../parameters';
import { simplifyProperty } from '../properties';
import { knowledgeIdProperty } from './properties';

const show = showFor('knowledge', 'getLinkedCampaigns');

export const description: INodeProperties[] = [
	knowledgeIdProperty(show),
	simplifyProperty(show, 'campaignId, name, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const knowledgeId = requiredString(
		this,
		'knowledgeId',
		itemIndex,
		`Knowledge File ID of item ${itemIndex + 1}`,
		'Map the knowledgeId of Knowledge > Get Many or an upload.',
	);
	return await linkedCampaigns.call(this, knowledgeId);
};
