import type { INodeProperties } from 'n8n-workflow';

import { detachKnowledge } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { linkDescription, linkParameters } from './link';

export const description: INodeProperties[] = linkDescription('detach', 'detach from');

/** The file stays in the account's knowledge; only this campaign's agent stops knowing it. */
export const execute: OperationExecute = async function (this, itemIndex) {
	const { campaignId, knowledgeId } = linkParameters(this, itemIndex);
	await detachKnowledge.call(this, campaignId, knowledgeId);
	return [{ knowledgeId, campaignId, detached: true }];
};
