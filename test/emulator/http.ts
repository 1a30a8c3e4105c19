// Small HTTP helpers: Atlas (NestJS-style) error bodies, body reading, JSON answers and a
// template router (`/call/:id`). No framework on purpose: the emulator must stay dependency-free.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/** A handler throws this to answer an Atlas-format error. */
export class ApiError extends Error {
	readonly messages: string[];
	constructor(
		readonly status: number,
		message: string | string[],
		readonly headers: Record<string, string> = {},
	) {
		super(Array.isArray(message) ? message.join('; ') : message);
		this.messages = Array.isArray(message) ? message : [message];
	}
}

/** `{statusCode, error, message}`; `message` is an array when class-validator style is asked for. */
export function errorBody(
	status: number,
	messages: string[],
	shape: 'string' | 'array' = 'string',
) {
	return {
		statusCode: status,
		error: STATUS_CODES[status] ?? 'Error',
		message: shape === 'array' ? messages : messages.join('; '),
	};
}

const MAX_BODY = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
	return readBytes(req).then((bytes) => bytes.toString('utf8'));
}

export function readBytes(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > max) reject(new ApiError(413, 'Request body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Parsed JSON, or the raw text when it is not JSON (logged as-is), or undefined when empty. */
export function parseBody(raw: string): { value: unknown; json: boolean } {
	if (raw.trim() === '') return { value: undefined, json: true };
	try {
		return { value: JSON.parse(raw), json: true };
	} catch {
		return { value: raw, json: false };
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

export function queryObject(url: URL): Record<string, string> {
	return Object.fromEntries(url.searchParams.entries());
}

export interface Route<H> {
	method: string;
	template: string;
	regex: RegExp;
	keys: string[];
	handler: H;
}

/** `/campaign-chat/sessions/:sessionId/messages` -> regex with named segments. */
export function route<H>(method: string, template: string, handler: H): Route<H> {
	const keys: string[] = [];
	const pattern = template
		.split('/')
		.map((seg) => {
			const m = /^:(\w+)(.*)$/.exec(seg);
			if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			keys.push(m[1]);
			return `([^/]+?)${m[2].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
		})
		.join('/');
	return { method, template, regex: new RegExp(`^${pattern}/?$`), keys, handler };
}

export function matchRoute<H>(
	routes: Route<H>[],
	method: string,
	path: string,
): { route: Route<H>; params: Record<string, string> } | { pathMatched: boolean } {
	let pathMatched = false;
	for (const r of routes) {
		const m = r.regex.exec(path);
		if (!m) continue;
		pathMatched = true;
		if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) continue;
		const params: Record<string, string> = {};
		r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
		return { route: r, params };
	}
	return { pathMatched };
}
