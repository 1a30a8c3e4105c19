// The "real n8n rig" the e2e, hardening and queue suites share: packing the built package once,
// one sub-suite per n8n line, and one line's Atlas emulator + n8n with the package installed like
// a community package, the owner logged in, an Atlas credential pointing at the emulator and a
// public-API key.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe } from 'node:test';
import { type Emulator, startEmulator } from '../emulator';
import { N8nClient } from './client';
import { type N8nInstance, type StartOptions, startN8n } from './n8n';
import { type Line, REPO_ROOT, selectedLines } from './paths';

export type Credential = { id: string; name: string };

const packed = new Map<string, string>();
/**
 * `npm pack` of the built package, once per process and suite (its npm script builds first):
 * into a temp folder `atlas-<suite>-pack-*`; without dist/ it says to run `npm run test:<suite>`.
 */
export function packOnce(suite: 'e2e' | 'hardening' = 'e2e'): string {
	const done = packed.get(suite);
	if (done) return done;
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes', 'AtlasTrigger', 'AtlasTrigger.node.js'))) {
		throw new Error(`dist/ is not built: run \`npm run test:${suite}\` (it builds first) or \`npm run build\``);
	}
	const dir = mkdtempSync(join(tmpdir(), `atlas-${suite}-pack-`));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
	packed.set(suite, tarball);
	return tarball;
}

/**
 * describe(title) with one sub-suite `n8n <line>.x` per selected line (env N8N_LINES): the lines
 * side by side, the tests of a line in order. The package is packed once (packOnce) before any of
 * them; `tarball()` answers it from then on.
 */
export function describeLines(title: string, suite: (line: Line, tarball: () => string) => void): void {
	describe(title, { concurrency: true }, () => {
		let tarball: string;
		before(() => {
			tarball = packOnce();
		});
		for (const line of selectedLines()) {
			describe(`n8n ${line}.x`, { concurrency: false }, () => suite(line, () => tarball));
		}
	});
}

/** On a fresh n8n: the owner (created or logged in), the Atlas credential `name` and a public-API key. */
export async function setUpAtlas(client: N8nClient, name: string, atlas: { apiKey: string; baseUrl: string }): Promise<Credential> {
	await client.setupOwner();
	const credential = await client.createCredential(name, 'atlasApi', { apiKey: atlas.apiKey, baseUrl: atlas.baseUrl });
	await client.createApiKey();
	return credential;
}

export interface RigOptions {
	line: Line;
	/** The `npm pack` tarball to install (see packOnce). */
	packageTarball: string;
	/** The random api-key starts with this (`e2e-`, `hk-`). */
	apiKeyPrefix: string;
	credentialName: string;
	/** n8n's log level (default: the harness's, env N8N_E2E_LOG_LEVEL or info). */
	logLevel?: StartOptions['logLevel'];
	/** When set, once n8n is up: `# n8n <version>: <bootLog> <ms> ms`. */
	bootLog?: string;
	/** Gets the api-key as soon as it is made (secrets to redact). */
	secrets?: { add(value: string): unknown };
}

export interface AtlasRig {
	line: Line;
	apiKey: string;
	emu: Emulator;
	n8n: N8nInstance;
	client: N8nClient;
	credential: Credential;
}

/**
 * The emulator (a random api-key), then n8n of the line with the package, then setUpAtlas. When
 * a step fails, what was started is stopped again before the error is rethrown.
 */
export async function startRig(o: RigOptions): Promise<AtlasRig> {
	const apiKey = `${o.apiKeyPrefix}${randomBytes(18).toString('base64url')}`;
	o.secrets?.add(apiKey);
	const emu = await startEmulator({ apiKey });
	let n8n: N8nInstance | undefined;
	try {
		n8n = await startN8n({ line: o.line, packageTarball: o.packageTarball, logLevel: o.logLevel });
		if (o.bootLog) console.log(`# n8n ${n8n.version}: ${o.bootLog} ${n8n.bootMs} ms`);
		const client = new N8nClient(n8n.baseUrl, o.line);
		const credential = await setUpAtlas(client, o.credentialName, { apiKey, baseUrl: emu.baseUrl });
		return { line: o.line, apiKey, emu, n8n, client, credential };
	} catch (error) {
		await n8n?.stop();
		await emu.close();
		throw error;
	}
}
