import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as getMessages from './getMessages';
import * as getSessions from './getSessions';

export const chatOperations: Record<string, AtlasOperation> = { getSessions, getMessages };

export const chatDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: 'Get the messages of one chat session, in order',
				action: 'Get the messages of a chat session',
			},
			{
				name: 'Get Sessions',
				value: 'getSessions',
				description: 'Get the chat sessions (conversations) of a campaign',
				action: 'Get the chat sessions of a campaign',
			},
		],
		default: 'getSessions',
	},
	...getSessions.description,
	...getMessages.description,
];
