// Control API under /__emulator/ (no api-key): lets an out-of-process test, the demo or a
// benchmark drive the emulator the way an in-process test uses the startEmulator() handle.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { actionCalls, callAction, clearActionCalls } from './agent';
import type { ActionCallSpec } from './agent';
import type { Core } from './core';
import { configureErase } from './erase';
import { knowledgeView } from './knowledge';
import { errorBody, parseBody, readBody, sendJson } from './http';
import type { FaultSpec, FireOptions, RequestLogEntry } from './types';

export const CONTROL_PREFIX = '/__emulator';

type Obj = Record<string, unknown>;

function asObject(v: unknown): Obj {
	if (!v || typeof v !== 'object' || Array.isArray(v))
		throw new Error('body must be a JSON object');
	return v as Obj;
}

/** Request-log filters shared with the in-process handle: method, path prefix, route template. */
export function filterRequests(
	all: RequestLogEntry[],
	f: { method?: string; path?: string; route?: string },
): RequestLogEntry[] {
	return all.filter(
		(r) =>
			(!f.method || r.method === f.method.toUpperCase()) &&
			(!f.path || r.path.startsWith(f.path)) &&
			(!f.route || r.route === f.route),
	);
}

export async function handleControl(
	core: Core,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
	const method = req.method ?? 'GET';
	const raw = await readBody(req);
	const parsed = parseBody(raw);
	try {
		if (!parsed.json) throw new Error('body must be JSON');
		const body = parsed.value;
		const key = `${method} ${path}`;
		switch (key) {
			case 'GET /state':
				return sendJson(res, 200, core.state());
			case 'GET /seed':
				return sendJson(res, 200, {
					campaigns: core.store.campaigns,
					calls: core.store.calls,
					chatSessions: core.store.chatSessions,
					chatMessages: core.store.chatMessages,
					bookings: core.store.bookings,
				});
			case 'GET /requests':
				return sendJson(
					res,
					200,
					filterRequests(core.store.requests, Object.fromEntries(url.searchParams)),
				);
			case 'DELETE /requests':
				core.store.requests = [];
				return sendJson(res, 200, {});
			case 'GET /deliveries':
				return sendJson(res, 200, core.store.deliveries);
			case 'DELETE /deliveries':
				core.store.deliveries = [];
				return sendJson(res, 200, {});
			case 'POST /fire': {
				const { triggerName, ...opts } = asObject(body);
				if (typeof triggerName !== 'string') throw new Error('triggerName is required');
				return sendJson(res, 200, await core.fire(triggerName, opts as FireOptions));
			}
			case 'POST /faults': {
				const b = body as Obj | FaultSpec[];
				if (!Array.isArray(b) && asObject(b).clear) core.faults.clear();
				else core.setFault(b as FaultSpec | FaultSpec[]);
				return sendJson(res, 200, { faults: core.faults.list() });
			}
			case 'DELETE /faults':
				core.faults.clear();
				return sendJson(res, 200, { faults: [] });
			case 'POST /latency': {
				const b = asObject(body);
				core.faults.setLatency(
					Number(b.ms),
					b.route as string | undefined,
					b.method as string | undefined,
				);
				return sendJson(res, 200, core.faults.latency());
			}
			case 'GET /burst':
				return sendJson(res, 200, core.burst.state());
			case 'POST /burst':
				return sendJson(res, 200, core.burst.configure(asObject(body)));
			case 'POST /erase':
				return sendJson(res, 200, configureErase(core.store, asObject(body)));
			case 'POST /config':
				return sendJson(res, 200, core.configure(asObject(body)));
			case 'POST /action': {
				const spec = asObject(body);
				if (typeof spec.url !== 'string') throw new Error('url is required');
				return sendJson(res, 200, await callAction(spec as unknown as ActionCallSpec));
			}
			case 'GET /actions':
				return sendJson(res, 200, actionCalls());
			case 'DELETE /actions':
				clearActionCalls();
				return sendJson(res, 200, {});
			case 'GET /knowledge':
				return sendJson(
					res,
					200,
					knowledgeView(core.store, url.searchParams.get('campaignId') ?? undefined),
				);
			case 'POST /reset':
				core.reset();
				return sendJson(res, 200, {});
			default:
				return sendJson(res, 404, errorBody(404, [`Cannot ${method} ${url.pathname}`]));
		}
	} catch (err) {
		return sendJson(res, 400, errorBody(400, [(err as Error).message]));
	}
}
