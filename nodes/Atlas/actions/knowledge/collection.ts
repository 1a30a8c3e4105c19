import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../operation';
import { requiredString } from '../parameters';
import { collectionProperty, knowledgeIdProperty } from './properties';

/* What Add to Collection and Remove from Collection share: a file's ID and a collection. */

export function collectionDescription(operation: string): INodeProperties[] {
	const show = showFor('knowledge', operation);
	return [knowledgeIdProperty(show), collectionProperty(show)];
}

export function collectionParameters(ctx: IExecuteFunctions, itemIndex: number) {
	const knowledgeId = requiredString(
		ctx,
		'knowledgeId',
		itemIndex,
		`Knowledge File ID of item ${itemIndex + 1}`,
		'Map the knowledgeId of Knowledge > Get Many or an upload.',
	);
	const collection = requiredString(
		ctx,
		'collection',
		itemIndex,
		`Collection Name of item ${itemIndex + 1}`,
		'Enter the name of the collection, such as Pricing.',
	);
	return { knowledgeId, collection };
}
