import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionDescription } from './actions/action';
import { bookingDescription } from './actions/booking';
import { callDescription } from './actions/call';
import { campaignDescription } from './actions/campaign';
import { chatDescription } from './actions/chat';
import { contactDescription } from './actions/contact';
import { knowledgeDescription } from './actions/knowledge';
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
			'Make Atlas AI voice and chat agents call, text and hand over to humans; read their calls, chats, bookings and campaign statistics, control campaigns, keep their knowledge in sync, erase a contact, and manage Atlas webhooks',
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
					{
						name: 'Booking',
						value: 'booking',
						description: 'Appointments an Atlas agent booked during its calls',
					},
					{ name: 'Call', value: 'call', description: 'Phone calls handled by an Atlas agent' },
					{ name: 'Campaign', value: 'campaign', description: 'Atlas campaigns (agents)' },
					{ name: 'Chat', value: 'chat', description: 'Chat sessions and their messages' },
					{
						name: 'Contact',
						value: 'contact',
						description: 'Everything Atlas holds of one person (erase on request)',
					},
					{
						name: 'Knowledge',
						value: 'knowledge',
						description: 'The files an agent answers from, kept in step with a source',
					},
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'Subscriptions that make Atlas send events to a URL',
					},
				],
				default: 'call',
			},
			...actionDescription,
			...bookingDescription,
			...callDescription,
			...campaignDescription,
			...chatDescription,
			...contactDescription,
			...knowledgeDescription,
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
