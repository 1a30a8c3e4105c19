/**
 * Run our nodes through n8n's real engine (n8n-core's execution contexts), not hand-made
 * mocks of `this`:
 *   runExecute / runExecuteDetailed  execute() via WorkflowExecute.runNode (real ExecuteContext)
 *   runHook / activateWebhook        checkExists / create / delete via HookContext
 *   runWebhook                       webhook() via WebhookContext with an express-like req/res
 *   runLoadOptions / runListSearch   methods.loadOptions / methods.listSearch via LoadOptionsContext
 *   testCredential                   the cli's CredentialsTester (RoutingNode on a temp node)
 * Examples: test/integration/engine-harness.test.ts.
 *
 * Import this module before anything else that loads n8n-core: `./env` points
 * N8N_USER_FOLDER at a temp folder first.
 */
import './env';

import { randomUUID } from 'node:crypto';

import {
	ExecuteContext,
	HookContext,
	LoadOptionsContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	ITaskDataConnections,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
	IHttpRequestMethods,
	WebhookType,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';
import { Container } from '@n8n/di';
// Not re-exported by n8n-core's index; its class is the DI token the contexts resolve.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import {
	CredentialTypeRegistry,
	HarnessCredentialsHelper,
	registerCredentialTypes,
} from './credentials-helper';
import type { CredentialUpdate } from './credentials-helper';
import { createRequest, createResponse } from './http-mocks';
import type { HarnessRequestInit, RecordedResponse } from './http-mocks';

export { registerCredentialTypes, HarnessCredentialsHelper, CredentialTypeRegistry };
export type { CredentialUpdate, HarnessRequestInit, RecordedResponse };
export { createRequest, createResponse } from './http-mocks';
export { engineUserFolder } from './env';

// Every ExecuteContext / LoadOptionsContext resolves n8n-core's SSHClientsManager, whose
// constructor starts a 60 s setInterval that is never unref'd: a test process would never exit
// (node:test waits for the event loop to drain). Create it now and unref that timer.
(
	Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout }
).cleanupTimer?.unref();

/** n8n names community node types `<package name>.<description.name>`. */
export const PACKAGE_NAME = 'n8n-nodes-atlas';
export const DEFAULT_WEBHOOK_ID = '8a1e5b7c-4f2d-4c3a-9b6e-1d2f3a4b5c6d';
/** What n8n uses when WEBHOOK_URL is not set. */
export const DEFAULT_WEBHOOK_BASE_URL = 'http://localhost:5678/';

type AnyNodeType = INodeType | IVersionedNodeType;

export interface CommonOptions {
	/** Node parameters as saved in the workflow (defaults are filled in by the engine). */
	parameters?: INodeParameters;
	/** Decrypted credential data by credential type name, e.g. `{ atlasApi: { apiKey, baseUrl } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential types used by this run, in addition to those registered globally. */
	credentialTypes?: ICredentialType[];
	typeVersion?: number;
	/** Node name in the workflow (default: description.defaults.name). */
	nodeName?: string;
	/** Package prefix for the node type (default `n8n-nodes-atlas`). */
	packageName?: string;
	/** Extra fields merged into the INode (e.g. `{ disabled: true }`). */
	nodeOverrides?: Partial<INode>;
	workflowId?: string;
	/** Mutate the additional data before the context is built. */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export interface EngineRun {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: HarnessCredentialsHelper;
}

class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	add(name: string, type: AnyNodeType) {
		this.types.set(name, type);
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`engine harness: unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

function isVersioned(type: AnyNodeType): type is IVersionedNodeType {
	return 'nodeVersions' in type && type.nodeVersions !== undefined;
}

function latestVersion(type: AnyNodeType): number {
	if (isVersioned(type)) return type.currentVersion ?? type.description.defaultVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function unsupported(what: string) {
	return () => {
		throw new Error(`engine harness: ${what} is not available in unit tests`);
	};
}

function webhookUrls(base: string | undefined) {
	// n8n: urlBaseWebhook = WEBHOOK_URL (always ending in '/'); endpoints 'webhook', 'webhook-test',
	// 'webhook-waiting', 'form-waiting'.
	let root = base ?? DEFAULT_WEBHOOK_BASE_URL;
	if (!root.endsWith('/')) root += '/';
	return {
		webhookBaseUrl: `${root}webhook`,
		webhookTestBaseUrl: `${root}webhook-test`,
		webhookWaitingBaseUrl: `${root}webhook-waiting`,
		formWaitingBaseUrl: `${root}form-waiting`,
		instanceBaseUrl: root, // n8n 1.123: urlBaseWebhook, trailing slash included
		restApiUrl: `${root}rest`,
	};
}

function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	webhookBaseUrl: string | undefined,
	extra: Partial<IWorkflowExecuteAdditionalData> | undefined,
): IWorkflowExecuteAdditionalData {
	const data = {
		credentialsHelper,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		executionId: undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (task runners)'),
		...webhookUrls(webhookBaseUrl),
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
	return data;
}

interface BuildOptions extends CommonOptions {
	staticData?: IDataObject;
	webhookBaseUrl?: string;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: INode['onError'];
}

/** Build the Workflow (one node), its node and the additional data, the way n8n would. */
export function buildRun(nodeTypeInstance: AnyNodeType, options: BuildOptions = {}): EngineRun {
	const packageName = options.packageName ?? PACKAGE_NAME;
	const typeName = `${packageName}.${nodeTypeInstance.description.name}`;
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(typeName, nodeTypeInstance);
	const typeVersion = options.typeVersion ?? latestVersion(nodeTypeInstance);
	const nodeType = nodeTypes.getByNameAndVersion(typeName, typeVersion);

	const credentialTypes = new CredentialTypeRegistry(options.credentialTypes ?? []);
	const nodeCredentials: INode['credentials'] = {};
	for (const name of Object.keys(options.credentials ?? {})) {
		credentialTypes.getByName(name); // fail early on an unknown type
		nodeCredentials[name] = { id: `cred-${name}`, name: `${name} account` };
	}
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, {
		...(options.credentials ?? {}),
	});

	const name =
		options.nodeName ?? nodeType.description.defaults?.name ?? nodeType.description.displayName;
	const node: INode = {
		id: randomUUID(),
		name,
		type: typeName,
		typeVersion,
		position: [0, 0],
		parameters: structuredClone(options.parameters ?? {}),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...(nodeType.description.webhooks?.length
			? { webhookId: options.webhookId ?? DEFAULT_WEBHOOK_ID }
			: {}),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.onError ? { onError: options.onError } : {}),
		...options.nodeOverrides,
	};

	// Static data as n8n stores it: `node:<name>` -> object. The caller's object is used as is
	// (ObservableObject writes through to it), so the test sees every change after the call.
	const staticData: IDataObject = {};
	if (options.staticData) staticData[`node:${name}`] = options.staticData;

	const workflow = new Workflow({
		id: options.workflowId ?? 'wf-engine-harness',
		name: 'engine harness',
		nodes: [node], // Workflow fills in parameter defaults here, as n8n does on load
		connections: {},
		active: false,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1' },
	});

	const additionalData = buildAdditionalData(
		credentialsHelper,
		options.webhookBaseUrl,
		options.additionalData,
	);
	return { workflow, node: workflow.getNode(name)!, nodeType, additionalData, credentialsHelper };
}

// ---------------------------------------------------------------------------------------------
// execute()

export interface RunExecuteOptions extends CommonOptions {
	/** Input items (default: one empty item, as after a manual trigger). */
	items?: INodeExecutionData[];
	/** Sets `onError: 'continueRegularOutput'` on the node, as the UI does. */
	continueOnFail?: boolean;
	onError?: INode['onError'];
	/** default 'manual' */
	mode?: WorkflowExecuteMode;
}

export interface RunExecuteDetails {
	output: INodeExecutionData[][] | null | undefined;
	hints: unknown[];
	run: EngineRun;
}

/**
 * Runs the node's `execute()` through n8n-core's WorkflowExecute.runNode (which builds the real
 * ExecuteContext, as in a workflow run). Returns the node's output exactly as the node returned
 * it (no pairedItem filling, no error-item rewriting: those happen later in n8n's run loop).
 * Errors thrown by the node are rethrown to the caller.
 */
export async function runExecuteDetailed(
	nodeTypeInstance: AnyNodeType,
	options: RunExecuteOptions = {},
): Promise<RunExecuteDetails> {
	const run = buildRun(nodeTypeInstance, options);
	const { workflow, node, additionalData } = run;
	const mode = options.mode ?? 'manual';
	const inputData: ITaskDataConnections = { main: [options.items ?? [{ json: {} }]] };
	const executeData: IExecuteData = {
		node,
		data: inputData,
		source: { main: [{ previousNode: 'Trigger' }] },
	};
	const runExecutionData: IRunExecutionData = createEmptyRunExecutionData();
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const abort = new AbortController();
	const result = await workflowExecute.runNode(
		workflow,
		executeData,
		runExecutionData,
		0,
		additionalData,
		mode,
		abort.signal,
	);
	if (!('data' in result)) {
		throw new Error('engine harness: node returned an engine request (AI sub-node call)');
	}
	return {
		output: result.data as INodeExecutionData[][] | null | undefined,
		hints: (result as { hints?: unknown[] }).hints ?? [],
		run,
	};
}

/** `execute()` output (INodeExecutionData[][]); see runExecuteDetailed. */
export async function runExecute(
	nodeTypeInstance: AnyNodeType,
	options: RunExecuteOptions = {},
): Promise<INodeExecutionData[][]> {
	const { output } = await runExecuteDetailed(nodeTypeInstance, options);
	if (!output) throw new Error('engine harness: node produced no output (null/undefined)');
	return output;
}

/** Build an ExecuteContext directly (for code that needs `this` without running execute()). */
export function createExecuteContext(
	nodeTypeInstance: AnyNodeType,
	options: RunExecuteOptions = {},
): { context: ExecuteContext; run: EngineRun } {
	const run = buildRun(nodeTypeInstance, options);
	const inputData: ITaskDataConnections = { main: [options.items ?? [{ json: {} }]] };
	const executeData: IExecuteData = { node: run.node, data: inputData, source: null };
	const context = new ExecuteContext(
		run.workflow,
		run.node,
		run.additionalData,
		options.mode ?? 'manual',
		createEmptyRunExecutionData(),
		0,
		inputData.main[0]!,
		inputData,
		executeData,
		[],
		new AbortController().signal,
	);
	return { context, run };
}

// ---------------------------------------------------------------------------------------------
// webhook methods: checkExists / create / delete

export type WebhookMode = 'activate' | 'init' | 'manual' | 'deactivate';

export interface RunHookOptions extends CommonOptions {
	/** The node's static data object (`getWorkflowStaticData('node')`), mutated in place. */
	staticData?: IDataObject;
	/**
	 * How n8n calls the method:
	 *  - 'activate' (default): workflow activation, mode 'trigger', activation 'activate'
	 *  - 'init': n8n start with the workflow already active, mode 'trigger', activation 'init'
	 *  - 'manual': "Listen for test event", mode 'manual', activation 'manual', test URL
	 *  - 'deactivate': deactivation / unpublish, mode 'internal', activation 'update'
	 * `mode` / `activation` below override these.
	 */
	webhookMode?: WebhookMode;
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	/** Test webhook (`/webhook-test/...`); default true for webhookMode 'manual'. */
	isTest?: boolean;
	/** What WEBHOOK_URL holds, e.g. `https://n8n.example.com/` (default http://localhost:5678/). */
	webhookBaseUrl?: string;
	/** Alias of webhookBaseUrl. */
	webhookUrl?: string;
	webhookId?: string;
	/** Which entry of description.webhooks (default 'default'). */
	webhookName?: string;
}

export interface HookResult<T> {
	result: T;
	/** The same object as options.staticData (or a new one if none was given). */
	staticData: IDataObject;
	/** n8n's ObservableObject change flag: whether n8n would save static data after this call. */
	staticDataChanged: boolean;
	/** What getNodeWebhookUrl('default') gives in this context. */
	webhookUrl: string | undefined;
	run: EngineRun;
}

function hookModes(options: RunHookOptions): {
	mode: WorkflowExecuteMode;
	activation: WorkflowActivateMode;
	isTest: boolean;
} {
	const webhookMode = options.webhookMode ?? 'activate';
	const defaults: Record<WebhookMode, [WorkflowExecuteMode, WorkflowActivateMode]> = {
		activate: ['trigger', 'activate'],
		init: ['trigger', 'init'],
		manual: ['manual', 'manual'],
		deactivate: ['internal', 'update'],
	};
	const [mode, activation] = defaults[webhookMode];
	return {
		mode: options.mode ?? mode,
		activation: options.activation ?? activation,
		isTest: options.isTest ?? webhookMode === 'manual',
	};
}

/** The cli's WebhookService.getNodeWebhooks, for one webhook description. */
export function getNodeWebhookData(
	run: EngineRun,
	webhookName = 'default',
	httpMethodOverride?: string,
): IWebhookData {
	const { workflow, node, nodeType, additionalData } = run;
	const description = nodeType.description.webhooks?.find(
		(w: IWebhookDescription) => w.name === webhookName,
	);
	if (!description) {
		throw new Error(`engine harness: node has no webhook description named "${webhookName}"`);
	}
	const workflowId = workflow.id || '__UNSAVED__';
	let nodeWebhookPath = String(
		workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {}),
	);
	if (nodeWebhookPath.startsWith('/')) nodeWebhookPath = nodeWebhookPath.slice(1);
	if (nodeWebhookPath.endsWith('/')) nodeWebhookPath = nodeWebhookPath.slice(0, -1);
	const isFullPath = workflow.expression.getSimpleParameterValue(
		node,
		description.isFullPath,
		'internal',
		{},
		undefined,
		false,
	) as boolean;
	const restartWebhook = workflow.expression.getSimpleParameterValue(
		node,
		description.restartWebhook,
		'internal',
		{},
		undefined,
		false,
	) as boolean;
	const path = NodeHelpers.getNodeWebhookPath(
		workflowId,
		node,
		nodeWebhookPath,
		isFullPath,
		restartWebhook,
	);
	const methods = String(
		workflow.expression.getSimpleParameterValue(
			node,
			description.httpMethod,
			'internal',
			{},
			undefined,
			'GET',
		),
	);
	const httpMethod = (httpMethodOverride ?? methods.split(',')[0].trim()).toUpperCase();
	return {
		httpMethod: httpMethod as IHttpRequestMethods,
		node: node.name,
		path,
		webhookDescription: description,
		workflowId,
		workflowExecuteAdditionalData: additionalData,
		...((path.startsWith(':') || path.includes('/:')) && node.webhookId
			? { webhookId: node.webhookId }
			: {}),
	};
}

/**
 * Runs `webhookMethods[webhookName][method]` with n8n-core's HookContext, as the cli's
 * WebhookService.runWebhookMethod does.
 */
export async function runHook(
	triggerNode: AnyNodeType,
	method: 'checkExists' | 'create' | 'delete',
	options: RunHookOptions = {},
): Promise<HookResult<boolean | undefined>> {
	const staticData = options.staticData ?? {};
	const run = buildRun(triggerNode, {
		...options,
		staticData,
		webhookBaseUrl: options.webhookBaseUrl ?? options.webhookUrl,
	});
	const { mode, activation, isTest } = hookModes(options);
	const webhookName = options.webhookName ?? 'default';
	const webhookData = getNodeWebhookData(run, webhookName);
	if (isTest) webhookData.isTest = true;
	const fn = run.nodeType.webhookMethods?.[webhookName as WebhookType]?.[method];
	if (!fn) throw new Error(`engine harness: node has no webhookMethods.${webhookName}.${method}`);
	const context = new HookContext(
		run.workflow,
		run.node,
		run.additionalData,
		mode,
		activation,
		webhookData,
	);
	const result = (await fn.call(context)) as boolean | undefined;
	return {
		result,
		staticData,
		staticDataChanged: staticDataChanged(run.workflow),
		webhookUrl: context.getNodeWebhookUrl('default'),
		run,
	};
}

/**
 * What n8n does on activation: checkExists, then create when it returned false.
 * Returns whether create ran.
 */
export async function activateWebhook(
	triggerNode: AnyNodeType,
	options: RunHookOptions = {},
): Promise<{ created: boolean; staticData: IDataObject }> {
	const exists = await runHook(triggerNode, 'checkExists', options);
	if (exists.result) return { created: false, staticData: exists.staticData };
	const created = await runHook(triggerNode, 'create', {
		...options,
		staticData: exists.staticData,
	});
	return { created: true, staticData: created.staticData };
}

function staticDataChanged(workflow: Workflow): boolean {
	const root = workflow.staticData as IDataObject & { __dataChanged?: boolean };
	return root.__dataChanged === true;
}

// ---------------------------------------------------------------------------------------------
// webhook()

export interface RunWebhookOptions extends CommonOptions {
	staticData?: IDataObject;
	request?: HarnessRequestInit;
	webhookName?: string;
	/** Test webhook: mode 'manual' instead of 'webhook'. */
	isTest?: boolean;
	mode?: WorkflowExecuteMode;
	webhookBaseUrl?: string;
	webhookUrl?: string;
	webhookId?: string;
}

export interface WebhookRunResult {
	result: IWebhookResponseData;
	response: RecordedResponse;
	staticData: IDataObject;
	staticDataChanged: boolean;
	run: EngineRun;
}

/** Runs the node's `webhook()` with n8n-core's WebhookContext (the cli's WebhookService.runWebhook). */
export async function runWebhook(
	triggerNode: AnyNodeType,
	options: RunWebhookOptions = {},
): Promise<WebhookRunResult> {
	const staticData = options.staticData ?? {};
	const req = createRequest(options.request);
	const res = createResponse();
	const run = buildRun(triggerNode, {
		...options,
		staticData,
		webhookBaseUrl: options.webhookBaseUrl ?? options.webhookUrl,
		additionalData: {
			...options.additionalData,
			httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		},
	});
	if (!run.nodeType.webhook) throw new Error('engine harness: node has no webhook()');
	const webhookName = options.webhookName ?? 'default';
	const webhookData = getNodeWebhookData(run, webhookName, req.method);
	if (options.isTest) webhookData.isTest = true;
	const mode = options.mode ?? (options.isTest ? 'manual' : 'webhook');
	const context = new WebhookContext(
		run.workflow,
		run.node,
		run.additionalData,
		mode,
		webhookData,
		[],
		null,
	);
	const result = (await run.nodeType.webhook.call(context)) as IWebhookResponseData;
	return {
		result,
		response: res.recorded,
		staticData,
		staticDataChanged: staticDataChanged(run.workflow),
		run,
	};
}

// ---------------------------------------------------------------------------------------------
// loadOptions / listSearch

export interface RunLoadOptionsOptions extends CommonOptions {
	/** Property path n8n passes (default `parameters.<methodName>`); matters for `&`-relative lookups. */
	path?: string;
}

function loadOptionsContext(
	nodeTypeInstance: AnyNodeType,
	methodName: string,
	options: RunLoadOptionsOptions,
) {
	const run = buildRun(nodeTypeInstance, { ...options, nodeName: options.nodeName ?? 'Temp-Node' });
	run.additionalData.currentNodeParameters = run.node.parameters;
	const context = new LoadOptionsContext(
		run.workflow,
		run.node,
		run.additionalData,
		options.path ?? `parameters.${methodName}`,
	);
	return { run, context };
}

export async function runLoadOptions(
	nodeTypeInstance: AnyNodeType,
	methodName: string,
	options: RunLoadOptionsOptions = {},
): Promise<INodePropertyOptions[]> {
	const { run, context } = loadOptionsContext(nodeTypeInstance, methodName, options);
	const fn = run.nodeType.methods?.loadOptions?.[methodName];
	if (!fn) throw new Error(`engine harness: node has no methods.loadOptions.${methodName}`);
	return await fn.call(context);
}

export interface RunListSearchOptions extends RunLoadOptionsOptions {
	filter?: string;
	paginationToken?: string;
}

export async function runListSearch(
	nodeTypeInstance: AnyNodeType,
	methodName: string,
	options: RunListSearchOptions = {},
): Promise<INodeListSearchResult> {
	const { run, context } = loadOptionsContext(nodeTypeInstance, methodName, options);
	const fn = run.nodeType.methods?.listSearch?.[methodName];
	if (!fn) throw new Error(`engine harness: node has no methods.listSearch.${methodName}`);
	return await fn.call(context, options.filter, options.paginationToken);
}

// ---------------------------------------------------------------------------------------------
// credential test

const NOOP_TYPE = 'n8n-nodes-base.noOp';

/**
 * The cli's CredentialsTester.testCredentials for a credential with a `test` request: defaults
 * and expressions applied to the data, a temporary node whose only property routes to
 * `test.request`, run by n8n-core's RoutingNode (so `test.request` expressions such as
 * `={{$credentials.baseUrl}}` resolve and the credential's `authenticate` is applied by the
 * credentials helper), and the same mapping of failures to `{ status: 'Error', message }`,
 * including `test.rules`.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	options: { credentialTypes?: ICredentialType[] } = {},
): Promise<INodeCredentialTestResult> {
	const typeName = credentialType.name;
	const test = credentialType.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const credentialTypes = new CredentialTypeRegistry([
		...(options.credentialTypes ?? []),
		credentialType,
	]);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, {
		[typeName]: { ...data },
	});
	const additionalData = buildAdditionalData(credentialsHelper, undefined, {
		currentNodeParameters: {},
	});

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'cred-test',
		name: `${typeName} account`,
		type: typeName,
		data: { ...data },
	};
	try {
		credentialsDecrypted.data = credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data!,
			typeName,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const nodeTypeCopy: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: NOOP_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(NOOP_TYPE, nodeTypeCopy);

	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NOOP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const runExecutionData = createEmptyRunExecutionData();
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const e = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
			message: string;
		};
		if (e.cause?.response) {
			const statusCode = e.cause.response.status;
			const statusMessage = e.cause.response.statusText;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusMessage || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (e.cause?.code) {
			return { status: 'Error', message: e.cause.code };
		}
		return { status: 'Error', message: e.message.toString() };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response![0][0].json;
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getPath(obj: unknown, path: string): unknown {
	let current: unknown = obj;
	for (const key of path.replace(/\[(\w+)\]/g, '.$1').split('.')) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
