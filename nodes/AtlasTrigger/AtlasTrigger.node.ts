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
import { downloadRecordingOption, maxRecordingSizeOption } from '../shared/recording/option';
import { campaignOptions, listCampaigns } from '../shared/api/campaigns';
import { checkExists, create, remove } from './activation/lifecycle';
import { receive } from './delivery/receive';
import { DEFAULT_MAX_REMEMBERED, DEFAULT_WINDOW_HOURS, MAX_REMEMBERED_LIMIT } from './parameters';

export class AtlasTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlas Trigger',
		name: 'atlasTrigger',
		icon: { light: 'file:atlas.svg', dark: 'file:atlas.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when an Atlas AI agent starts or completes a call, or sends or receives a chat message',
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
				displayName:
					'Atlas sends each event to this workflow\'s production URL once it is activated, or to the test URL while you "Listen for test event". Atlas must reach n8n over public HTTPS: see the README if n8n runs on localhost or behind a proxy.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				description:
					'Output format, duplicate handling, invalid events, test samples, and the call record, recording or bookings fetched for each call',
				options: [
					downloadRecordingOption(
						'the recording of each completed call',
						'A failed or too large download never loses the event: it comes with a "recordingError" field instead',
					),
					{
						displayName: 'Drop Events Atlas Does Not Confirm',
						name: 'dropUnconfirmed',
						type: 'boolean',
						default: false,
						displayOptions: { show: { fetchCallRecord: [true] } },
						description:
							'Whether to drop a call event when Atlas answers that it has no such call (404). Atlas does not sign its deliveries, so this confirms each call is real. Other lookup failures (Atlas down) never drop the event: it comes with "callRecordError".',
					},
					{
						displayName: 'Duplicate Window (Hours)',
						name: 'duplicateWindowHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: DEFAULT_WINDOW_HOURS,
						description:
							'How long an event is remembered to recognise a second delivery of it (when Ignore Duplicates is on)',
					},
					{
						displayName: 'Fetch Full Call Record',
						name: 'fetchCallRecord',
						type: 'boolean',
						default: false,
						description:
							'Whether to look each call event up in Atlas (by its call ID) and add the full record to the item as "callRecord": transcript as turns, summary, recording URL, status and more. Atlas gets its answer first; the lookup happens before the workflow starts. When the lookup fails, the event still comes, with "callRecordError" saying why.',
					},
					{
						displayName: 'Ignore Duplicates',
						name: 'ignoreDuplicates',
						type: 'boolean',
						default: true,
						description:
							'Whether to drop an event Atlas delivers again (Atlas delivers at least once). Calls are recognised by event and call ID; messages by event, campaign, customer, time and message ID.',
					},
					{
						displayName: 'Include Bookings',
						name: 'includeBookings',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the appointments the agent booked during each completed call to the item, as "bookings" (start and end time, customer, what was booked). One request to Atlas per call, after Atlas got its answer. When they cannot be read, the event still comes, with "bookingsError" saying why.',
					},
					maxRecordingSizeOption(
						'Recordings larger than this are not downloaded; the event comes with "recordingError" instead',
					),
					{
						displayName: 'On Invalid Event',
						name: 'onInvalidEvent',
						type: 'options',
						options: [
							{
								name: 'Emit With Error Field',
								value: 'emit',
								description: 'Pass it on as an item with an "error" field saying what is wrong',
							},
							{ name: 'Skip', value: 'skip', description: 'Leave it out (it is still logged)' },
						],
						default: 'emit',
						description:
							'What to do with an event that is not an object or has no call or message identity',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'Simplified',
								value: 'simplified',
								description:
									'Event, campaign, call or message, customer, time, and for completed calls summary, transcript, recording URL, status and more, in the same names whatever Atlas sends; plus every original field',
							},
							{ name: 'Raw', value: 'raw', description: 'Each event exactly as Atlas sent it' },
						],
						default: 'simplified',
						description: 'The shape of each item',
					},
					{
						displayName: 'Remember At Most (Events)',
						name: 'maxRemembered',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_REMEMBERED_LIMIT },
						default: DEFAULT_MAX_REMEMBERED,
						description:
							'The most events remembered for spotting duplicates (when Ignore Duplicates is on); the oldest are forgotten first. More costs a little storage on every delivery.',
					},
					{
						displayName: 'Send Sample When Listening',
						name: 'sendSample',
						type: 'boolean',
						default: true,
						description:
							'Whether "Listen for test event" delivers a sample of each selected event at once (Atlas\'s sample for the campaign, else a built-in one; marked "sample": true), so you can map fields without placing a real call. n8n stops listening after the first execution: turn this off to catch a real event instead. Never used by the active workflow.',
					},
				],
			},
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
