import type { INodeProperties } from 'n8n-workflow';

import { attachKnowledge } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { linkDescription, linkParameters } from './link';

export const description: INodeProperties[] = linkDescription('attach', 'attach to');

export const execute: OperationExecute = async function (this, itemIndex) {
	const { campaignId, knowledgeId } = linkParameters(this, itemIndex);
	const answer = await attachKnowledge.call(this, campaignId, knowledgeId);
	return [{ ...answer, knowledgeId, campaignId, attached: true }];
};
