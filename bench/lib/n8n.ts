// One real n8n for a benchmark: the package tarball installed as a community package, the owner
// set up, stopped and its folder removed afterwards.
import { N8nClient } from '../../test/rig/client';
import { type N8nInstance, startN8n } from '../../test/rig/n8n';
import type { Line } from '../../test/rig/paths';
import { log } from './common';

export interface BenchN8n {
	n8n: N8nInstance;
	client: N8nClient;
}

/** Starts n8n (`env` on top of the rig's defaults) and sets up its owner. */
export async function startBenchN8n(
	line: Line,
	tarball: string,
	env: Record<string, string> = {},
): Promise<BenchN8n> {
	const n8n = await startN8n({ line, packageTarball: tarball, env });
	try {
		log(`  n8n ${n8n.version} up in ${n8n.bootMs} ms`);
		const client = new N8nClient(n8n.baseUrl, line);
		await client.setupOwner();
		return { n8n, client };
	} catch (error) {
		await n8n.stop({ removeFolder: true });
		throw error;
	}
}

/** Runs `fn` with a benchmark n8n, always stopping it (and removing its folder) afterwards. */
export async function withBenchN8n<T>(
	line: Line,
	tarball: string,
	env: Record<string, string>,
	fn: (b: BenchN8n) => Promise<T>,
): Promise<T> {
	const b = await startBenchN8n(line, tarball, env);
	try {
		return await fn(b);
	} finally {
		await b.n8n.stop({ removeFolder: true });
	}
}
