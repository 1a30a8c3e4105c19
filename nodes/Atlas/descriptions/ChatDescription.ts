import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator, returnAllAndLimit } from './common';

export const chatOperations: INodeProperties[] = [
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
];

export const chatFields: INodeProperties[] = [
	campaignLocator({
		displayOptions: { show: { resource: ['chat'], operation: ['getSessions'] } },
		description: 'The chat campaign whose sessions to get',
	}),
	{
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155550101 or name@example.com',
		description:
			'Only the sessions of this contact: a phone number, an email address or an Apple ID. Leave empty for every contact.',
		displayOptions: { show: { resource: ['chat'], operation: ['getSessions'] } },
	},
	...returnAllAndLimit({ show: { resource: ['chat'], operation: ['getSessions'] } }),
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5d0c8e7a-...',
		description: 'The ID of the chat session',
		hint: 'Map the ID of a session from Get Sessions',
		displayOptions: { show: { resource: ['chat'], operation: ['getMessages'] } },
	},
];
