import type { INodeProperties } from 'n8n-workflow';

import { addToCollection } from '../../../shared/api/knowledge';
import type { OperationExecute } from '../operation';
import { collectionDescription, collectionParameters } from './collection';

export const description: INodeProperties[] = collectionDescription('addToCollection');

export const execute: OperationExecute = async function (this, itemIndex) {
	const { knowledgeId, collection } = collectionParameters(this, itemIndex);
	const answer = await addToCollection.call(this, knowledgeId, collection);
	return [{ ...answer, knowledgeId, collection, added: true }];
};
