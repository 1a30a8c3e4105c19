import type { INodeProperties } from 'n8n-workflow';

import { removeFromCollection } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { collectionDescription, collectionParameters } from './collection';

export const description: INodeProperties[] = collectionDescription('removeFromCollection');

export const execute: OperationExecute = async function (this, itemIndex) {
	const { knowledgeId, collection } = collectionParameters(this, itemIndex);
	await removeFromCollection.call(this, knowledgeId, collection);
	return [{ knowledgeId, collection, removed: true }];
};
