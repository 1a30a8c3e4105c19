import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionDescription } from './actions/action';
import { callDescription } from './actions/call';
import { campaignDescription } from './actions/campaign';
import { chatDescription } from './actions/chat';
import { router } from './actions/router';
import { webhookDescription } from './actions/webhook';
import { searchCallingCampaigns } from './listSearch/callingCampaigns';
import { searchCampaigns, searchCampaignsOrAll } from './listSearch/campaigns';

export class Atlas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlas',
		name: 'atlas',
		icon: { light: 'file:atlas.svg', dark: 'file:atlas.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Make Atlas AI voice and chat agents call, text and hand over to humans; read their calls, chats and campaigns, and manage Atlas webhooks',
		defaults: { name: 'Atlas' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'atlasApi', required: true, displayOptions: { hide: { resource: ['action'] } } },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Agent',
						value: 'action',
						description: 'Answer the agent that called an Atlas Action Trigger',
					},
					{ name: 'Call', value: 'call', description: 'Phone calls handled by an Atlas agent' },
					{ name: 'Campaign', value: 'campaign', description: 'Atlas campaigns (agents)' },
					{ name: 'Chat', value: 'chat', description: 'Chat sessions and their messages' },
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'Subscriptions that make Atlas send events to a URL',
					},
				],
				default: 'call',
			},
			...actionDescription,
			...callDescription,
			...campaignDescription,
			...chatDescription,
			...webhookDescription,
		],
	};

	methods = {
		listSearch: { searchCampaigns, searchCampaignsOrAll, searchCallingCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
