// The HTTP server: dispatches /__emulator/ to the control API and everything else to the Atlas
// routes, applying (in this order) request logging, latency, faults, routing, api-key check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { API_ROUTES } from './api';
import { BOOKING_ROUTES } from './bookings';
import { CAMPAIGN_CONTROL_ROUTES } from './campaigns-control';
import { CONTROL_PREFIX, handleControl } from './control';
import type { Core } from './core';
import {
	ApiError,
	errorBody,
	matchRoute,
	parseBody,
	queryObject,
	readBody,
	readBytes,
	sendJson,
} from './http';
import type { FaultType } from './types';

export const BASE_PATH = '/v1/api';

const ROUTES = [...BOOKING_ROUTES, ...CAMPAIGN_CONTROL_ROUTES, ...API_ROUTES];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function handleApi(
	core: Core,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const started = Date.now();
	const method = req.method ?? 'GET';
	// Recordings live at the origin (where recordingUrl points) and below the base path.
	const below = url.pathname.startsWith(BASE_PATH + '/')
		? url.pathname.slice(BASE_PATH.length)
		: url.pathname;
	const inApi =
		url.pathname === BASE_PATH ||
		url.pathname.startsWith(BASE_PATH + '/') ||
		below.startsWith('/recordings/');
	// knowledge uploads are raw bytes, read up to 64 MB so the route can answer Atlas's 10 MB limit
	const octet = /octet-stream/i.test(String(req.headers['content-type'] ?? ''));
	const bytes = octet ? await readBytes(req, 64 * 1024 * 1024) : undefined;
	const parsed = parseBody(bytes ? '' : await readBody(req));
	const given = req.headers['api-key'];
	const key = Array.isArray(given) ? given[0] : given;
	const found = inApi ? matchRoute(ROUTES, method, below) : { pathMatched: false };
	const matched = 'route' in found ? found : undefined;
	const template = matched ? `${matched.route.method} ${matched.route.template}` : null;

	let status: number | null = null;
	let fault: FaultType | undefined;
	const answer = (code: number, body: unknown, headers?: Record<string, string>) => {
		status = code;
		sendJson(res, code, body, headers);
	};
	const fail = (code: number, messages: string[], headers?: Record<string, string>) =>
		answer(code, errorBody(code, messages, core.store.config.errorMessageShape), headers);

	try {
		const ref = { method, template: matched?.route.template ?? null, path: below };
		const latency = core.faults.latencyFor(ref);
		if (latency > 0) await sleep(latency);
		const f = core.faults.take(ref);
		const burst = f ? undefined : core.burst.decide(ref);
		if (f) {
			fault = f.type;
			if (f.type === 'drop') req.socket.destroy();
			else if (f.type === '429')
				fail(429, ['Too many requests, please retry later'], {
					'retry-after': String(f.retryAfter),
				});
			else if (f.type === '503') fail(503, ['Service temporarily unavailable']);
			else if (f.type === '404') fail(404, [`Cannot ${method} ${url.pathname}`]);
			// a key without the right [guess: Atlas documents 401 only]
			else if (f.type === '403') fail(403, ['Forbidden resource']);
			else fail(500, ['Internal server error']);
		} else if (burst === 'before') {
			fault = 'drop';
			req.socket.destroy();
		} else if (!matched) {
			fail(404, [`Cannot ${method} ${url.pathname}`]);
		} else if (matched.route.handler.auth && !key) {
			fail(401, ['Missing api-key header']);
		} else if (matched.route.handler.auth && !core.acceptsKey(key)) {
			fail(401, ['Invalid API key']);
		} else if (!parsed.json && method !== 'GET') {
			fail(400, ['Request body must be valid JSON']);
		} else {
			const out = matched.route.handler.run({
				params: matched.params,
				query: queryObject(url),
				body: parsed.value,
				bytes,
				store: core.store,
				events: core.events,
			});
			if (burst === 'after') {
				fault = 'drop';
				req.socket.destroy();
			} else if (out.raw) {
				status = out.status ?? 200;
				res.writeHead(status, { ...out.headers, 'content-length': String(out.raw.length) });
				res.end(out.raw);
			} else {
				answer(out.status ?? 200, out.body, out.headers);
			}
		}
	} catch (err) {
		if (err instanceof ApiError) fail(err.status, err.messages, err.headers);
		else {
			console.error('[atlas-emulator] handler error', err);
			fail(500, ['Internal server error']);
		}
	}

	core.store.logRequest({
		time: new Date(started).toISOString(),
		method,
		path: url.pathname,
		route: template,
		query: queryObject(url),
		body: bytes ? { bytes: bytes.length } : parsed.value,
		apiKeyPresent: key !== undefined && key !== '',
		apiKeyValid: core.acceptsKey(key),
		status,
		...(fault ? { fault } : {}),
		durationMs: Date.now() - started,
	});
}

export function createEmulatorServer(core: Core): Server {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const run = url.pathname.startsWith(CONTROL_PREFIX + '/')
			? handleControl(core, req, res, url)
			: handleApi(core, req, res, url);
		run.catch((err) => {
			if (err instanceof ApiError && !res.headersSent)
				return sendJson(res, err.status, errorBody(err.status, err.messages));
			console.error('[atlas-emulator] request failed', err);
			if (!res.headersSent) sendJson(res, 500, errorBody(500, ['Internal server error']));
			else res.destroy();
		});
	});
	server.keepAliveTimeout = 5_000;
	return server;
}
