import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../shared/atlas/events';
import { readmeLink, TEST_WORDS } from '../shared/util/readme';
import { campaignOptions, listCampaigns } from '../shared/api/campaigns';
import { checkExists, create, remove } from './activation/lifecycle';
import { receive } from './delivery/receive';
import { optionsProperties, simplifyProperty } from './options';

export class AtlasTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlas Trigger',
		name: 'atlasTrigger',
		icon: { light: 'file:atlas.svg', dark: 'file:atlas.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		// n8n's node panel shows Atlas and Atlas Trigger as one "Atlas" entry (a node "x" and its
		// "xTrigger" are merged) and gives that entry THIS description: it speaks for both
		description:
			'Atlas AI voice and chat agents: start workflows when a call starts or ends or a chat message comes in, and make agents call, text and hand over to humans',
		defaults: { name: 'Atlas Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'atlasApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'atlas',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['call_completed'],
				required: true,
				description:
					'The Atlas events that start this workflow. Each event of each campaign is one subscription in Atlas.',
			},
			{
				displayName: 'Campaigns',
				name: 'campaignScope',
				type: 'options',
				options: [
					{
						name: 'All Campaigns',
						value: 'all',
						description: 'Events of every campaign of the account, now and future',
					},
					{
						name: 'Selected Campaigns',
						value: 'selected',
						description: 'Only the campaigns chosen below',
					},
				],
				default: 'all',
				description: 'Whose events start this workflow',
			},
			{
				displayName: 'Campaign Names or IDs',
				name: 'campaignIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCampaigns' },
				default: [],
				required: true,
				displayOptions: { show: { campaignScope: ['selected'] } },
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: `Atlas sends each event to this workflow's Production URL once the workflow is published (n8n 1.x: active), or to the Test URL while you test the trigger (${TEST_WORDS}). Atlas must reach n8n over public HTTPS: ${readmeLink('public-address-https-and-reverse-proxies', 'what to do if n8n runs on localhost or behind a proxy')}.`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			simplifyProperty,
			...optionsProperties,
		],
	};

	methods = {
		loadOptions: {
			async getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return campaignOptions(await listCampaigns.call(this));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
