// The emulator plays the Atlas agent calling an Atlas Action: it sends what Atlas sends (the
// action's method, its custom header, a JSON body with the call's context and the parameters
// the agent gathered), waits up to the action's timeout when Synchronous Mode is on (or does not
// wait when it is off), and records the answer and its latency. Driven by the control API
// (POST /__emulator/action, GET /__emulator/actions) or in process (callAction).
// Header values are never recorded: they hold the action's secret.

export interface ActionCallSpec {
	url: string;
	method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** The action's custom headers (e.g. the secret). */
	headers?: Record<string, string>;
	callId?: string;
	campaignId?: string;
	customerPhoneNumber?: string;
	customerName?: string;
	parameters?: Record<string, unknown>;
	/** Atlas's Timeout (default 30 s). */
	timeoutSeconds?: number;
	/** Atlas's Synchronous Mode (default on): off sends and does not wait for the answer. */
	synchronous?: boolean;
}

export interface ActionCallResult {
	seq: number;
	url: string;
	method: string;
	headerNames: string[];
	body: Record<string, unknown>;
	synchronous: boolean;
	status: number | null;
	contentType: string | null;
	/** The answer as JSON, or as text when it is not JSON. */
	answer: unknown;
	/** true when the answer is what Atlas accepts: 200 with a JSON body. */
	accepted: boolean;
	latencyMs: number;
	timedOut: boolean;
	error: string | null;
}

const calls: ActionCallResult[] = [];
let seq = 0;

export function actionCalls(): ActionCallResult[] {
	return calls;
}

export function clearActionCalls(): void {
	calls.length = 0;
}

export async function callAction(spec: ActionCallSpec): Promise<ActionCallResult> {
	const method = spec.method ?? 'POST';
	const synchronous = spec.synchronous !== false;
	const body = {
		callId: spec.callId ?? `call_${Math.random().toString(36).slice(2, 10)}`,
		campaignId: spec.campaignId ?? 'cmp_sales',
		customerPhoneNumber: spec.customerPhoneNumber ?? '+14155550123',
		customerName: spec.customerName ?? 'Dana Whitfield',
		parameters: spec.parameters ?? {},
	};
	const url = new URL(spec.url);
	// how Atlas sends parameters with GET is not documented: as the query, here
	if (method === 'GET')
		for (const [k, v] of Object.entries(body.parameters)) url.searchParams.set(k, String(v));
	const result: ActionCallResult = {
		seq: ++seq,
		url: url.toString(),
		method,
		headerNames: Object.keys(spec.headers ?? {}),
		body,
		synchronous,
		status: null,
		contentType: null,
		answer: null,
		accepted: false,
		latencyMs: 0,
		timedOut: false,
		error: null,
	};
	calls.push(result);
	const started = performance.now();
	const sending = fetch(url, {
		method,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'atlas-actions-emulator/1.0',
			...spec.headers,
		},
		body: method === 'GET' ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout((spec.timeoutSeconds ?? 30) * 1000),
	})
		.then(
			async (res) => {
				const text = await res.text();
				result.status = res.status;
				result.contentType = res.headers.get('content-type');
				try {
					result.answer = text ? JSON.parse(text) : null;
					result.accepted =
						res.status === 200 && /^application\/json/.test(result.contentType ?? '');
				} catch {
					result.answer = text;
				}
			},
			(error: Error) => {
				result.timedOut = error.name === 'TimeoutError';
				result.error = result.timedOut
					? `no answer within ${spec.timeoutSeconds ?? 30} s`
					: error.message;
			},
		)
		.finally(() => {
			result.latencyMs = Math.round((performance.now() - started) * 10) / 10;
		});
	if (synchronous) await sending;
	else void sending;
	return result;
}
