// What the rig's n8n client reads and writes: the owner, workflows, executions, the publication
// status (2.x), and its errors.
export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Password-123',
};

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string; webhookId?: string }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Workflow extends WorkflowJson {
	id: string;
	versionId: string;
	active: boolean;
	activeVersionId?: string | null;
}

export interface Execution {
	id: string | number;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
			error?: unknown;
		};
	};
	[key: string]: unknown;
}

export interface PublicationStatus {
	status: 'in_progress' | 'published' | 'partial' | 'failed' | 'not_published';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/** A trigger failed to activate (2.x publication status failed/partial). */
export class ActivationError extends Error {
	constructor(
		readonly workflowId: string,
		readonly publication: PublicationStatus,
	) {
		const errors = publication.triggers.filter((t) => t.errorMessage).map((t) => t.errorMessage);
		super(`activation of workflow ${workflowId} ${publication.status}: ${errors.join('; ')}`);
	}
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		what: string,
	) {
		super(`${what} -> HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
	}
}
