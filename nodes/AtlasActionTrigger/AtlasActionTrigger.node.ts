import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readHeaderSecret, secretProblem } from './auth';
import { declaredParametersProperty } from './parameters';
import { receive } from './receive';
import {
	DEFAULT_EMPTY_ANSWER,
	DEFAULT_ERROR_ANSWER,
	DEFAULT_FALLBACK_ANSWER,
	DEFAULT_RECEIVED_ANSWER,
} from './respond';
import { prepare, SETUP_NOTICE } from './setup';
import { parameterFields } from './webhookFields';

const json = (value: IDataObject): string => JSON.stringify(value, null, 2);
const ANSWERING_MODES = { '/respond': ['lastNode', 'responseNode'] };

export class AtlasActionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlas Action Trigger',
		name: 'atlasActionTrigger',
		icon: { light: 'file:atlas.svg', dark: 'file:atlas.dark.svg' },
		group: ['trigger'],
		// 1.1: the same node; n8n evaluates one expression per call for a webhook node at version 1
		// (its `options.binaryData`), which on n8n 2.x builds an expression isolate per call even
		// with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE (README "Voice agents on n8n 2.x")
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{"answers the agent: " + $parameter["httpMethod"]}}',
		description:
			'Answers an Atlas AI agent during a live call: the agent calls this workflow as an Atlas Action (tool) and speaks the answer',
		defaults: { name: 'Atlas Action Trigger' },
		triggerPanel: {
			header: 'Waiting for your Atlas agent to call this action',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step" (n8n 1.x: "Listen for test event"), put the Test URL into the action in Atlas (Global Actions) and talk to your agent, or call the Test URL with curl. The agent gets this workflow\'s answer.<br /><br /><b>Once you are happy with your workflow</b>, publish it (n8n 1.x: activate it) and use the Production URL in Atlas: every call of the action by the agent runs the workflow, and its answer is spoken to the caller.',
				active:
					'<b>While building your workflow</b>, click "Execute step" (n8n 1.x: "Listen for test event") and use the Test URL in Atlas.<br /><br /><b>Your workflow is published</b> (active): every call of the action by your Atlas agent (Production URL) runs it, and the agent gets its answer.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it (n8n 1.x: activate it) and put the Production URL into the action in Atlas (Global Actions > Create tool).',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'atlasActionApi',
				required: true,
				testedBy: 'atlasActionSecret',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				...parameterFields({ httpMethod: 'httpMethod', responseMode: 'respond' }),
				path: 'action',
			},
		],
		properties: [
			{
				displayName:
					'The Atlas agent calls this workflow in the middle of a call (an Atlas Action) and speaks its answer. For events after the fact (call completed, chat messages) use the Atlas Trigger; to read or manage Atlas, the Atlas node.',
				name: 'intro',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Header Secret',
						value: 'headerAuth',
						description: 'Atlas sends a secret in a custom header (or Authorization: Bearer)',
					},
					{ name: 'None', value: 'none', description: 'Anyone who knows the URL can call it' },
				],
				default: 'headerAuth',
				description: 'How a call is recognised as coming from your Atlas action',
			},
			{
				displayName:
					'Without authentication anyone who finds this URL can run the workflow and read its answers. Use a Header Secret unless the workflow reveals nothing and changes nothing.',
				name: 'noAuthWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: [
					{ name: 'DELETE', value: 'DELETE' },
					{ name: 'GET', value: 'GET' },
					{ name: 'PATCH', value: 'PATCH' },
					{ name: 'POST', value: 'POST' },
					{ name: 'PUT', value: 'PUT' },
				],
				default: 'POST',
				description: "The Method of the action in Atlas (Atlas's default is POST)",
			},
			{
				displayName: 'Respond',
				name: 'respond',
				type: 'options',
				options: [
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: "The first item's JSON of the last node that runs is the answer",
					},
					{
						name: "Using 'Answer the Agent' Node",
						value: 'responseNode',
						description:
							'An Atlas node (Agent > Answer the Agent) answers wherever it is; the workflow goes on after it',
					},
					{
						name: 'Immediately',
						value: 'onReceived',
						description:
							'Answer at once and run the workflow afterwards (for actions with Synchronous Mode off)',
					},
				],
				default: 'lastNode',
				description: 'When and with what the agent is answered. Always 200 with a JSON body.',
			},
			{
				displayName:
					"Add an Atlas node with Agent > Answer the Agent where the answer is ready. n8n's own Respond to Webhook node cannot answer for this trigger (it needs a Webhook node).",
				name: 'answerNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { respond: ['responseNode'] } },
			},
			declaredParametersProperty,
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Empty Answer',
						name: 'emptyAnswer',
						type: 'json',
						default: json(DEFAULT_EMPTY_ANSWER),
						displayOptions: { show: ANSWERING_MODES },
						description:
							'What the agent gets when the workflow answers with nothing (no item, an empty object)',
					},
					{
						displayName: 'Error Answer',
						name: 'errorAnswer',
						type: 'json',
						default: json(DEFAULT_ERROR_ANSWER),
						displayOptions: { show: ANSWERING_MODES },
						description:
							'What the agent gets when the workflow fails before answering (still 200: Atlas accepts nothing else)',
					},
					{
						displayName: 'Fallback After (Seconds)',
						name: 'fallbackAfterSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 300 },
						default: 25,
						displayOptions: { show: ANSWERING_MODES },
						description:
							"Answer with the Fallback Answer when the workflow is slower than this, so the agent is not left waiting past the action's Timeout in Atlas (default 30 s). 0: no fallback.",
					},
					{
						displayName: 'Fallback Answer',
						name: 'fallbackAnswer',
						type: 'json',
						default: json(DEFAULT_FALLBACK_ANSWER),
						displayOptions: { show: ANSWERING_MODES },
						description:
							'What the agent gets when the workflow has not answered within Fallback After (Seconds); the workflow still runs to its end',
					},
					{
						displayName: 'Immediate Answer',
						name: 'immediateAnswer',
						type: 'json',
						default: json(DEFAULT_RECEIVED_ANSWER),
						displayOptions: { show: { '/respond': ['onReceived'] } },
						description: 'What the agent gets at once, before the workflow runs',
					},
					{
						displayName: 'On Invalid Parameters',
						name: 'onInvalidParameters',
						type: 'options',
						options: [
							{
								name: 'Answer the Agent',
								value: 'answer',
								description:
									'Tell the agent what is missing or wrong, in words, and do not run the workflow',
							},
							{
								name: 'Run With Error Field',
								value: 'run',
								description: 'Run the workflow with "error" and "parameterProblems" fields',
							},
						],
						default: 'answer',
						description:
							'What happens when a required declared parameter is missing or has the wrong type',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async atlasActionSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = secretProblem(readHeaderSecret(credential.data));
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'The header secret can guard an Atlas action' };
			},
		},
	};

	// Nothing to register in Atlas: activation checks the secret and logs the portal form
	// (setup.ts). checkExists is false so that happens at every activation and listen.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await prepare.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
