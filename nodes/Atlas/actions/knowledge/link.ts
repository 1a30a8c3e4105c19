import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { campaignIdParameter, requiredString } from '../parameters';
import { campaignLocator } from '../properties';
import { showFor } from '../operation';
import { knowledgeIdProperty } from './properties';

/* What Attach to Campaign and Detach from Campaign share: a campaign and a file's ID. */

export function linkDescription(operation: string, verb: string): INodeProperties[] {
	const show = showFor('knowledge', operation);
	return [
		campaignLocator({
			displayOptions: show,
			description: `The campaign to ${verb} the file`,
		}),
		knowledgeIdProperty(show),
	];
}

export function linkParameters(ctx: IExecuteFunctions, itemIndex: number) {
	const campaignId = campaignIdParameter(ctx, itemIndex);
	const knowledgeId = requiredString(
		ctx,
		'knowledgeId',
		itemIndex,
		`Knowledge File ID of item ${itemIndex + 1}`,
		'Map the knowledgeId of Knowledge > Get Many or an upload.',
	);
	return { campaignId, knowledgeId };
}
