// n8n 2.x's expression-engine settings (read by @n8n/config's expression-engine.config.js) as a
// process's environment gives them: the effective values, and a one-line description for the
// demo and the benchmarks ("which settings did this run use?"). n8n 1.x has no such engine: it
// evaluates expressions in the main process.
import type { Line } from '../test/rig/paths';

export const ENGINE_ENV = {
	engine: 'N8N_EXPRESSION_ENGINE',
	poolSize: 'N8N_EXPRESSION_ENGINE_POOL_SIZE',
	lazyAcquire: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE',
	compileCache: 'N8N_EXPRESSION_ENGINE_COMPILE_CACHE',
} as const;

export type EngineName = 'vm' | 'legacy' | 'quickjs';

export interface EngineSettings {
	engine: EngineName;
	poolSize: number;
	lazyAcquire: boolean;
	compileCache: boolean;
}

/** n8n 2.41.1's defaults (expression-engine.config.js). */
export const ENGINE_DEFAULTS: EngineSettings = {
	engine: 'vm',
	poolSize: 1,
	lazyAcquire: false,
	compileCache: false,
};

type Env = Record<string, string | undefined>;

// the way @n8n/config reads values: invalid ones are warned about and the default is kept
function readBoolean(value: string | undefined, fallback: boolean): boolean {
	const v = value?.toLowerCase();
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	return fallback;
}

function readNumber(value: string | undefined, fallback: number): number {
	if (value === undefined || value.trim() === '') return fallback;
	const n = Number(value);
	return Number.isNaN(n) ? fallback : n;
}

/** The settings n8n 2.x runs with under `env`. */
export function engineSettings(env: Env): EngineSettings {
	const engine = env[ENGINE_ENV.engine]?.trim();
	return {
		engine: engine === 'vm' || engine === 'legacy' || engine === 'quickjs' ? engine : 'vm',
		poolSize: readNumber(env[ENGINE_ENV.poolSize], ENGINE_DEFAULTS.poolSize),
		lazyAcquire: readBoolean(env[ENGINE_ENV.lazyAcquire], ENGINE_DEFAULTS.lazyAcquire),
		compileCache: readBoolean(env[ENGINE_ENV.compileCache], ENGINE_DEFAULTS.compileCache),
	};
}

/** The env entries that give `settings` (only those that differ from n8n's defaults). */
export function engineEnv(settings: Partial<EngineSettings>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const key of Object.keys(ENGINE_ENV) as Array<keyof EngineSettings>) {
		const value = settings[key];
		if (value !== undefined && value !== ENGINE_DEFAULTS[key]) env[ENGINE_ENV[key]] = String(value);
	}
	return env;
}

/**
 * One line: which expression engine an n8n started with `env` uses, e.g.
 * "expressions: vm engine (isolates), pool 4, lazy acquire on, compile cache on" or
 * "expressions: n8n 1.x (in process, no isolates)". `line` 1 ignores the 2.x settings.
 */
export function describeEngineSettings(env: Env, line: Line = 2): string {
	if (line === 1) return 'expressions: n8n 1.x (in process, no isolates)';
	const s = engineSettings(env);
	const isDefault = (Object.keys(ENGINE_DEFAULTS) as Array<keyof EngineSettings>).every(
		(k) => s[k] === ENGINE_DEFAULTS[k],
	);
	const suffix = isDefault ? " (n8n's defaults)" : '';
	if (s.engine === 'legacy')
		return `expressions: legacy engine (in process, not isolated; ${ENGINE_ENV.engine}=legacy)`;
	const kind = s.engine === 'vm' ? 'vm engine (isolates)' : 'quickjs engine (WebAssembly sandbox)';
	const onOff = (b: boolean) => (b ? 'on' : 'off');
	return `expressions: ${kind}, pool ${s.poolSize}, lazy acquire ${onOff(s.lazyAcquire)}, compile cache ${onOff(s.compileCache)}${suffix}`;
}

/**
 * The expression-engine settings the demo starts n8n 2.x with: README's recommendation
 * (lazy acquire, see "Voice agents on n8n 2.x"), overridden by any N8N_EXPRESSION_ENGINE*
 * variable the user set (the rig passes no N8N_* variable of its own shell to n8n).
 */
export function demoEngineEnv(line: Line, env: Env): Record<string, string> {
	if (line === 1) return {};
	const chosen: Record<string, string> = engineEnv({ lazyAcquire: true });
	for (const name of Object.values(ENGINE_ENV)) {
		const value = env[name];
		if (value !== undefined && value !== '') chosen[name] = value;
	}
	return chosen;
}
