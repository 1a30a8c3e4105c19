// Fault injection and latency for the Atlas API routes, switchable at runtime. Routes are named
// by template (`/call/:id`), by concrete path below the base path (`/call/call_0001`) or `*`.
import type { ActiveFault, FaultSpec, FaultType } from './types';

export const FAULT_TYPES: readonly FaultType[] = ['500', '503', '429', '404', '403', 'drop'];

export interface RouteRef {
	method: string;
	/** Route template below the base path, e.g. /call/:id (null when no route matched). */
	template: string | null;
	/** Concrete path below the base path. */
	path: string;
}

function matches(pattern: string, method: string | null, ref: RouteRef): boolean {
	if (method && method.toUpperCase() !== ref.method) return false;
	return pattern === '*' || pattern === ref.template || pattern === ref.path;
}

export class Faults {
	private faults: ActiveFault[] = [];
	private latencyAll = 0;
	/** Per-route latency, keyed `METHOD path` or `* path`. */
	private latencyRoute = new Map<string, number>();

	add(spec: FaultSpec): ActiveFault {
		if (!FAULT_TYPES.includes(spec.type))
			throw new Error(`fault type must be one of ${FAULT_TYPES.join(', ')}`);
		if (!spec.path) throw new Error('fault path is required');
		const f: ActiveFault = {
			path: spec.path,
			method: spec.method ? spec.method.toUpperCase() : null,
			type: spec.type,
			count: spec.count ?? 1,
			retryAfter: spec.retryAfter ?? 1,
			hits: 0,
		};
		this.faults.push(f);
		return f;
	}

	clear(): void {
		this.faults = [];
	}

	list(): ActiveFault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	/** Consumes and returns the first fault applying to this request, if any. */
	take(ref: RouteRef): ActiveFault | undefined {
		const f = this.faults.find((x) => matches(x.path, x.method, ref));
		if (!f) return undefined;
		f.hits++;
		if (f.count !== -1 && f.hits >= f.count) this.faults.splice(this.faults.indexOf(f), 1);
		return { ...f };
	}

	/** Global latency (route omitted) or latency of one route; 0 removes a route's override. */
	setLatency(ms: number, route?: string, method?: string): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a number >= 0');
		if (!route) {
			this.latencyAll = ms;
			return;
		}
		const key = `${method ? method.toUpperCase() : '*'} ${route}`;
		if (ms === 0) this.latencyRoute.delete(key);
		else this.latencyRoute.set(key, ms);
	}

	latencyFor(ref: RouteRef): number {
		for (const p of [ref.template, ref.path]) {
			if (!p) continue;
			const v = this.latencyRoute.get(`${ref.method} ${p}`) ?? this.latencyRoute.get(`* ${p}`);
			if (v !== undefined) return v;
		}
		return this.latencyAll;
	}

	latency(): { all: number; routes: Record<string, number> } {
		return { all: this.latencyAll, routes: Object.fromEntries(this.latencyRoute) };
	}

	reset(): void {
		this.clear();
		this.latencyAll = 0;
		this.latencyRoute.clear();
	}
}
