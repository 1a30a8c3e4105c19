/**
 * Minimal express-like request/response objects for WebhookContext, shaped like what n8n's
 * webhook server hands to `webhook()`: headers lower-cased, `query` parsed, `body` parsed for
 * JSON / urlencoded / text (n8n's body parser), `rawBody` holding the raw bytes (a Buffer).
 * The request is a real Readable stream over the raw bytes, the response records what the
 * node sends.
 */
import { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface HarnessRequestInit {
	method?: HttpMethod | Lowercase<HttpMethod>;
	/** An object (sent as JSON unless content-type says otherwise), a string or a Buffer. */
	body?: unknown;
	/** Raw bytes as received; derived from `body` when absent. */
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string | string[]>;
	/** Path params (`/:id` style webhook paths). */
	params?: Record<string, string>;
	/** Request path after the webhook prefix, informational. */
	path?: string;
}

export interface RecordedResponse {
	status: number;
	body: unknown;
	headers: Record<string, string | string[] | number>;
	/** true once json()/send()/end() was called */
	ended: boolean;
}

export interface HarnessRequest extends Readable {
	method: string;
	url: string;
	path: string;
	headers: Record<string, string | string[]>;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
	readRawBody(): Promise<void>;
	contentType?: string;
}

export function createRequest(init: HarnessRequestInit = {}): HarnessRequest {
	const headers: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;

	let rawBody: Buffer;
	let body: unknown = init.body;
	if (init.rawBody !== undefined) {
		rawBody = Buffer.isBuffer(init.rawBody) ? init.rawBody : Buffer.from(init.rawBody);
	} else if (init.body === undefined) {
		rawBody = Buffer.alloc(0);
	} else if (Buffer.isBuffer(init.body)) {
		rawBody = init.body;
	} else if (typeof init.body === 'string') {
		rawBody = Buffer.from(init.body);
	} else {
		rawBody = Buffer.from(JSON.stringify(init.body));
	}
	if (
		headers['content-type'] === undefined &&
		init.body !== undefined &&
		!Buffer.isBuffer(init.body) &&
		typeof init.body === 'object'
	) {
		headers['content-type'] = 'application/json';
	}
	if (rawBody.length > 0) headers['content-length'] ??= String(rawBody.length);

	const contentType = String(headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	// n8n's body parser: parse JSON / form / text when the caller handed raw bytes or a string.
	if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = rawBody.toString('utf8');
		if (rawBody.length === 0) {
			body = {};
		} else if (contentType === 'application/json' || contentType.endsWith('+json')) {
			body = JSON.parse(text);
		} else if (contentType === 'application/x-www-form-urlencoded') {
			body = Object.fromEntries(new URLSearchParams(text));
		} else if (contentType.startsWith('text/')) {
			body = text;
		} else {
			body = {};
		}
	}

	const query = init.query ?? {};
	const qs = new URLSearchParams();
	for (const [k, v] of Object.entries(query)) {
		for (const item of Array.isArray(v) ? v : [v]) qs.append(k, item);
	}
	const path = init.path ?? '/';
	const req = Readable.from(rawBody.length ? [rawBody] : []) as unknown as HarnessRequest;
	const get = (name: string) => headers[name.toLowerCase()];
	Object.assign(req, {
		method: (init.method ?? 'POST').toUpperCase(),
		url: qs.size ? `${path}?${qs.toString()}` : path,
		path,
		headers,
		query,
		params: init.params ?? {},
		body,
		rawBody,
		contentType: contentType || undefined,
		get,
		header: get,
		readRawBody: async () => {},
	});
	return req;
}

export interface HarnessResponse {
	statusCode: number;
	headersSent: boolean;
	writableEnded: boolean;
	recorded: RecordedResponse;
	status(code: number): HarnessResponse;
	sendStatus(code: number): HarnessResponse;
	json(body: unknown): HarnessResponse;
	send(body?: unknown): HarnessResponse;
	end(body?: unknown): HarnessResponse;
	write(chunk: unknown): boolean;
	setHeader(name: string, value: string | string[] | number): HarnessResponse;
	set(name: string | Record<string, string>, value?: string): HarnessResponse;
	header(name: string | Record<string, string>, value?: string): HarnessResponse;
	getHeader(name: string): string | string[] | number | undefined;
	removeHeader(name: string): void;
	writeHead(status: number, headers?: Record<string, string | string[] | number>): HarnessResponse;
	type(contentType: string): HarnessResponse;
	on(event: string, listener: (...args: unknown[]) => void): HarnessResponse;
	once(event: string, listener: (...args: unknown[]) => void): HarnessResponse;
}

export function createResponse(): HarnessResponse {
	const recorded: RecordedResponse = { status: 200, body: undefined, headers: {}, ended: false };
	const chunks: unknown[] = [];
	const assertOpen = () => {
		if (recorded.ended) throw new Error('engine harness: response already sent');
	};
	const finish = (body?: unknown) => {
		assertOpen();
		if (body !== undefined) chunks.push(body);
		if (chunks.length === 1) recorded.body = chunks[0];
		else if (chunks.length > 1)
			recorded.body = Buffer.concat(
				chunks.map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(String(c)))),
			).toString('utf8');
		recorded.ended = true;
		res.headersSent = true;
		res.writableEnded = true;
		return res;
	};
	const setOne = (name: string, value: string | string[] | number) => {
		recorded.headers[name.toLowerCase()] = value;
	};
	const res: HarnessResponse = {
		statusCode: 200,
		headersSent: false,
		writableEnded: false,
		recorded,
		status(code) {
			res.statusCode = code;
			recorded.status = code;
			return res;
		},
		sendStatus(code) {
			res.status(code);
			return finish(String(code));
		},
		json(body) {
			if (recorded.headers['content-type'] === undefined)
				setOne('content-type', 'application/json; charset=utf-8');
			return finish(body);
		},
		send(body) {
			if (recorded.headers['content-type'] === undefined && body !== undefined) {
				if (typeof body === 'string') setOne('content-type', 'text/html; charset=utf-8');
				else if (Buffer.isBuffer(body)) setOne('content-type', 'application/octet-stream');
				else setOne('content-type', 'application/json; charset=utf-8');
			}
			return finish(body);
		},
		end(body) {
			return finish(body);
		},
		write(chunk) {
			assertOpen();
			chunks.push(chunk);
			res.headersSent = true;
			return true;
		},
		setHeader(name, value) {
			setOne(name, value);
			return res;
		},
		set(name, value) {
			if (typeof name === 'object') for (const [k, v] of Object.entries(name)) setOne(k, v);
			else setOne(name, value ?? '');
			return res;
		},
		header(name, value) {
			return res.set(name, value);
		},
		getHeader(name) {
			return recorded.headers[name.toLowerCase()];
		},
		removeHeader(name) {
			delete recorded.headers[name.toLowerCase()];
		},
		writeHead(status, headers) {
			res.status(status);
			for (const [k, v] of Object.entries(headers ?? {})) setOne(k, v);
			res.headersSent = true;
			return res;
		},
		type(contentType) {
			setOne('content-type', contentType);
			return res;
		},
		on() {
			return res;
		},
		once() {
			return res;
		},
	};
	return res;
}
