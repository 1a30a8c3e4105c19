import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as addFromUrl from './addFromUrl';
import * as addToCollection from './addToCollection';
import * as attach from './attach';
import * as deleteFile from './delete';
import * as detach from './detach';
import * as getAll from './getAll';
import * as getLinkedCampaigns from './getLinkedCampaigns';
import * as removeFromCollection from './removeFromCollection';
import { sync } from './sync';
import * as uploadFile from './uploadFile';
import * as uploadText from './uploadText';

export const knowledgeOperations: Record<string, AtlasOperation> = {
	getAll,
	uploadFile,
	uploadText,
	addFromUrl,
	sync,
	delete: deleteFile,
	attach,
	detach,
	getLinkedCampaigns,
	addToCollection,
	removeFromCollection,
};

export const knowledgeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledge'] } },
		options: [
			{
				name: 'Add From URL',
				value: 'addFromUrl',
				description: 'Let Atlas read a web page into the knowledge base',
				action: 'Add knowledge from a URL',
			},
			{
				name: 'Add to Collection',
				value: 'addToCollection',
				description: 'Put a knowledge file into a collection',
				action: 'Add a knowledge file to a collection',
			},
			{
				name: 'Attach to Campaign',
				value: 'attach',
				description: "Make a campaign's agent know a file of the account",
				action: 'Attach a knowledge file to a campaign',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a knowledge file by its name',
				action: 'Delete a knowledge file',
			},
			{
				name: 'Detach From Campaign',
				value: 'detach',
				description: "Make a campaign's agent stop knowing a file (it stays in the account)",
				action: 'Detach a knowledge file from a campaign',
			},
			{
				name: 'Get Linked Campaigns',
				value: 'getLinkedCampaigns',
				description: 'Get the campaigns a knowledge file is attached to',
				action: 'Get the campaigns of a knowledge file',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the knowledge files of the account or of one campaign',
				action: 'Get many knowledge files',
			},
			{
				name: 'Remove From Collection',
				value: 'removeFromCollection',
				description: 'Take a knowledge file out of a collection',
				action: 'Remove a knowledge file from a collection',
			},
			{
				name: 'Sync',
				value: 'sync',
				description:
					"Make a campaign's knowledge match the input files: upload new, replace changed, leave unchanged",
				action: 'Sync knowledge files',
			},
			{
				name: 'Upload File',
				value: 'uploadFile',
				description: 'Upload a file (PDF, Word, text, Markdown) from an input item',
				action: 'Upload a knowledge file',
			},
			{
				name: 'Upload Text',
				value: 'uploadText',
				description: 'Upload text or Markdown as a .md file',
				action: 'Upload text as a knowledge file',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...uploadFile.description,
	...uploadText.description,
	...addFromUrl.description,
	...sync.description,
	...deleteFile.description,
	...attach.description,
	...detach.description,
	...getLinkedCampaigns.description,
	...addToCollection.description,
	...removeFromCollection.description,
];
