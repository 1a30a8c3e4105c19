// The expression-engine settings bench/action.ts measures on n8n 2.x (`--settings a,b,...`),
// one at a time and combined. n8n 1.x has no expression engine: it runs `defaults` only.
import {
	type EngineSettings,
	describeEngineSettings,
	engineEnv,
} from '../../scripts/engine-settings';

export interface EngineProfile {
	name: string;
	settings: Partial<EngineSettings>;
}

export const ENGINE_PROFILES: Record<string, Partial<EngineSettings>> = {
	defaults: {},
	pool4: { poolSize: 4 },
	pool10: { poolSize: 10 },
	lazy: { lazyAcquire: true },
	cache: { compileCache: true },
	legacy: { engine: 'legacy' },
	quickjs: { engine: 'quickjs' },
	// isolates kept, every setting that helps on: the combination the first look tried
	combo: { poolSize: 4, lazyAcquire: true, compileCache: true },
	comboPool10: { poolSize: 10, lazyAcquire: true, compileCache: true },
	lazyCache: { lazyAcquire: true, compileCache: true },
};

/** The profiles named (unknown names are an error that lists the known ones). */
export function selectProfiles(names: string[]): EngineProfile[] {
	return names.map((name) => {
		const settings = ENGINE_PROFILES[name];
		if (!settings)
			throw new Error(
				`unknown --settings profile "${name}"; known: ${Object.keys(ENGINE_PROFILES).join(', ')}`,
			);
		return { name, settings };
	});
}

export function profileEnv(profile: EngineProfile): Record<string, string> {
	return engineEnv(profile.settings);
}

export function profileDescription(profile: EngineProfile, line: 1 | 2): string {
	return describeEngineSettings(profileEnv(profile), line);
}
