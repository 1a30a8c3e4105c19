// REST client for a running n8n of either line. Internal API (/rest, cookie `n8n-auth`) for what
// the editor does; public API (/api/v1, header X-N8N-API-KEY) for executions, whose data the
// internal API returns flattened into an encoded string.
//
// Differences between 1.123.50 and 2.41.1 met here (read in n8n's dist and seen at runtime):
// - activate/deactivate: both POST /rest/workflows/:id/activate {versionId} and /deactivate.
//   The UI calls this "publish"/"unpublish" on 2.x; 2.x also accepts `expectedChecksum` and
//   returns `checksum`. 1.123 answers after the triggers' create() ran (a failure is a 400 with
//   the message). 2.41 (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=true by default) writes the request
//   to a publication outbox and answers at once; a background consumer runs create() and records
//   per-trigger results, readable at GET /rest/workflows/:id/publication-status (2.x only; 404
//   when that service is off, which makes 2.41 synchronous like 1.123). A throwing create() is
//   retried 5 times (1+2+4+8 s backoff) before the status settles as `failed`, and the workflow
//   then still reads `active: true`; 1.123 rolls it back to inactive. Same at boot: on 2.41
//   active workflows are reconciled in the background after the server is up.
// - delete: both lines need the workflow archived first (POST /:id/archive, which also
//   deactivates); 2.41 answers 409 to a delete while the workflow is published or still being
//   unpublished.
// - manual run, POST /rest/workflows/:id/run: 1.123 runs `workflowData` from the body (must carry
//   the id) and needs it; 2.41 runs the saved workflow and validates the body with ManualRunDto
//   ({triggerToStartFrom: {name}} or a destinationNode), ignoring `workflowData`. Sending both
//   works on both lines. Answer: {executionId} or {waitingForWebhook: true}.
// - 2.41 checks a collaboration write lock on workflow writes only when a `push-ref` header is
//   sent: we never send one.
import { N8nSession } from './session';
import {
	ActivationError,
	type Execution,
	type PublicationStatus,
	type Workflow,
	type WorkflowJson,
} from './shapes';
import { waitFor } from './wait';

export * from './shapes';

/** The n8n client of the rig: a session (session.ts) plus workflows, activation and executions. */
export class N8nClient extends N8nSession {
	/** Saves a workflow (inactive); every webhook-bearing node without a webhookId gets one. */
	async createWorkflow(json: WorkflowJson): Promise<Workflow> {
		const nodes = json.nodes.map((node) =>
			isWebhookNode(node) && !node.webhookId ? { ...node, webhookId: crypto.randomUUID() } : node,
		);
		const { id: _ignored, ...rest } = json;
		return await this.rest('POST', '/workflows', { settings: {}, ...rest, nodes, active: false });
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/**
	 * Activates ("publishes" on 2.x) the saved version. 1.123 answers after the triggers' create()
	 * ran (a failure is a 400). 2.41 (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, default true) only
	 * queues the publication and answers at once; create() runs in the background. With `wait`
	 * (default) this waits on 2.x until the publication settled and throws if a trigger failed, so
	 * both lines behave alike; `wait: false` returns n8n's raw answer.
	 */
	async activate(id: string, { wait = true, timeout = 30_000 } = {}): Promise<Workflow> {
		const { versionId } = await this.getWorkflow(id);
		const result = await this.rest<Workflow>('POST', `/workflows/${id}/activate`, { versionId });
		if (wait && this.line === 2) await this.waitForPublication(id, 'published', timeout);
		return result;
	}

	/**
	 * Saves an edit of a workflow as the editor does (PATCH with the version it read). An active
	 * workflow takes the edit at once: 1.123 re-activates on save; 2.41 saves a draft, so it is
	 * published too (with `publish`, default true).
	 */
	async saveWorkflow(
		id: string,
		changes: Partial<WorkflowJson>,
		{ publish = true, timeout = 30_000 } = {},
	): Promise<Workflow> {
		const current = await this.getWorkflow(id);
		const saved = await this.rest<Workflow>('PATCH', `/workflows/${id}`, {
			...changes,
			versionId: current.versionId,
		});
		if (publish && this.line === 2 && current.active) await this.activate(id, { timeout });
		return saved;
	}

	/** Deactivates ("unpublishes"); on 2.x waits until the triggers are gone unless `wait: false`. */
	async deactivate(id: string, { wait = true, timeout = 15_000 } = {}): Promise<Workflow> {
		const result = await this.rest<Workflow>('POST', `/workflows/${id}/deactivate`, {});
		if (wait && this.line === 2) await this.waitForPublication(id, 'not_published', timeout);
		return result;
	}

	/**
	 * 2.x only: GET /rest/workflows/:id/publication-status -> {status: in_progress | published |
	 * partial | failed | not_published, triggers: [{nodeId, status, errorMessage}]}. Waits for
	 * `want`; a settled failed/partial status throws with the trigger errors.
	 */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		if (this.line !== 2) throw new Error('publication status exists on 2.x only');
		return await this.rest('GET', `/workflows/${id}/publication-status`);
	}

	async waitForPublication(
		id: string,
		want: 'published' | 'not_published',
		timeout = 15_000,
	): Promise<PublicationStatus> {
		let last: PublicationStatus | undefined;
		try {
			return await waitFor(
				async () => {
					last = await this.publicationStatus(id);
					if (want === 'published' && (last.status === 'failed' || last.status === 'partial')) {
						throw new ActivationError(id, last);
					}
					return last.status === want ? last : undefined;
				},
				{
					timeout,
					what: `workflow ${id} to be ${want}`,
					rethrow: (e) => e instanceof ActivationError,
				},
			);
		} catch (error) {
			if (error instanceof ActivationError) throw error;
			throw new Error(`${(error as Error).message}; last status ${JSON.stringify(last)}`);
		}
	}

	/** Deactivates when needed, archives, deletes (both lines refuse to delete unarchived workflows). */
	async deleteWorkflow(id: string): Promise<void> {
		const wf = await this.getWorkflow(id);
		if (wf.active) await this.deactivate(id); // 2.41: 409 for a published workflow
		if (!wf.isArchived) await this.rest('POST', `/workflows/${id}/archive`, {});
		await this.rest('DELETE', `/workflows/${id}`);
	}

	/**
	 * Runs a saved workflow manually from the named trigger (e.g. a Manual Trigger node), as the
	 * editor's "Execute workflow" does. Returns the execution id (the run continues in the background:
	 * use waitForExecutions / execution()).
	 */
	async runManually(id: string, triggerName: string): Promise<string> {
		const workflowData = await this.getWorkflow(id);
		const result = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${id}/run`,
			{
				workflowData, // read by 1.123 only
				triggerToStartFrom: { name: triggerName },
			},
		);
		if (!result.executionId)
			throw new Error(`manual run of ${id} started no execution: ${JSON.stringify(result)}`);
		return String(result.executionId);
	}

	/** Executions of a workflow, newest first (public API; pages followed). */
	async executions({
		workflowId,
		includeData = false,
	}: { workflowId?: string; includeData?: boolean } = {}): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const q = new URLSearchParams({ limit: '250', includeData: String(includeData) });
			if (workflowId) q.set('workflowId', workflowId);
			if (cursor) q.set('cursor', cursor);
			const page = await this.publicApi<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/executions?${q}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	async execution(id: string | number, includeData = true): Promise<Execution> {
		return await this.publicApi('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/** Waits until the workflow has at least n finished executions (any status but running/new/waiting). */
	async waitForExecutions(workflowId: string, n: number, timeout = 15_000): Promise<Execution[]> {
		return await waitFor(
			async () => {
				const list = await this.executions({ workflowId, includeData: true });
				const done = list.filter((e) => !['running', 'new', 'waiting'].includes(e.status));
				return done.length >= n ? done : undefined;
			},
			{ timeout, what: `${n} execution(s) of workflow ${workflowId}` },
		);
	}

	/**
	 * Production webhook URL of a node (n8n-workflow getNodeWebhookPath, same on both lines):
	 * nodes whose webhook description says `isFullPath: true` (the built-in Webhook, Form and Chat
	 * triggers) answer at `/webhook/<path>`; every other node with a webhookId (our Atlas trigger)
	 * at `/webhook/<webhookId>/<path>`, where <path> is the `path` of the node's webhook
	 * description (e.g. 'webhook'), which the built-in Webhook takes from its `path` parameter.
	 * `path` defaults to parameters.path; `fullPath` overrides the guess from the node type.
	 */
	webhookUrl(
		workflow: WorkflowJson,
		nodeName: string,
		opts: { path?: string; fullPath?: boolean } = {},
	): string {
		const node = workflow.nodes.find((n) => n.name === nodeName);
		if (!node?.webhookId) throw new Error(`node ${nodeName} has no webhookId`);
		const param = (node.parameters as { path?: string } | undefined)?.path;
		const path = String(opts.path ?? param ?? '').replace(/^\//, '');
		const isFullPath = opts.fullPath ?? FULL_PATH_NODES.has(node.type);
		return `${this.baseUrl}/webhook/${isFullPath ? path || node.webhookId : `${node.webhookId}/${path}`}`;
	}
}

const FULL_PATH_NODES = new Set([
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.formTrigger',
	'@n8n/n8n-nodes-langchain.chatTrigger',
]);

function isWebhookNode(node: { type: string }): boolean {
	// built-in webhook-style triggers and every community trigger of ours; any node n8n registers
	// webhooks for needs a stable webhookId or its production URL changes on every save
	return (
		/(webhook|trigger|formTrigger|chatTrigger)$/i.test(node.type) &&
		!/manualTrigger|scheduleTrigger|cron|interval/i.test(node.type)
	);
}
