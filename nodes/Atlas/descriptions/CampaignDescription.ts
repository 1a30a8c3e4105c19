import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator, returnAllAndLimit } from './common';

export const campaignOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one campaign',
				action: 'Get a campaign',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the campaigns of the account',
				action: 'Get many campaigns',
			},
		],
		default: 'getAll',
	},
];

export const campaignFields: INodeProperties[] = [
	campaignLocator({ displayOptions: { show: { resource: ['campaign'], operation: ['get'] } } }),
	...returnAllAndLimit({ show: { resource: ['campaign'], operation: ['getAll'] } }),
];
