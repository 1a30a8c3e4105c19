// useRig: the start/stop block every e2e suite puts around the rig, once. Inside a describeLines
// body: the line's rig is started before the tests (startRig) and stopped after them.
import { after, before } from 'node:test';
import type { Line } from './paths';
import { type AtlasRig, type RigOptions, startRig } from './rig';

export interface UseRigOptions extends Omit<RigOptions, 'line' | 'packageTarball'> {
	/** After the tests: `# n8n <line>.x: <took> took <seconds> s` (none: nothing printed). */
	took?: string;
	/** Runs once the rig is up, before the tests (e.g. to copy its fields into the suite's). */
	onStart?: (rig: AtlasRig) => unknown;
}

/** The line's rig as the tests see it: its fields throw until `before` has started it. */
export type RigView = AtlasRig & {
	/** The rig once started (undefined before, or when starting failed): for diagnostics. */
	readonly started: AtlasRig | undefined;
};

/**
 * Starts the rig of `line` (with the package `tarball()`) before the suite's tests and stops it
 * after them; answers a view of it (`rig.client`, `rig.emu`... inside tests and hooks).
 */
export function useRig(line: Line, tarball: () => string, options: UseRigOptions): RigView {
	const { took, onStart, ...rigOptions } = options;
	const begun = Date.now();
	let rig: AtlasRig | undefined;
	before(async () => {
		rig = await startRig({ ...rigOptions, line, packageTarball: tarball() });
		await onStart?.(rig);
	});
	after(async () => {
		await rig?.stop();
		if (took)
			console.log(`# n8n ${line}.x: ${took} took ${Math.round((Date.now() - begun) / 1000)} s`);
	});
	const live = (): AtlasRig => {
		if (!rig)
			throw new Error(`the n8n ${line}.x rig has not started (see the suite's before hook)`);
		return rig;
	};
	return {
		line,
		get started() {
			return rig;
		},
		get apiKey() {
			return live().apiKey;
		},
		get emu() {
			return live().emu;
		},
		get n8n() {
			return live().n8n;
		},
		get client() {
			return live().client;
		},
		get credential() {
			return live().credential;
		},
		get secrets() {
			return live().secrets;
		},
		stop: async (opts) => await live().stop(opts),
	};
}
