// The real-n8n rig every suite that boots n8n shares (e2e, hardening, queue, examples, and the
// documentation's stack): packing the built package once, one sub-suite per n8n line, and one
// line's Atlas emulator + n8n with the package installed like a community package, the owner
// logged in, an Atlas credential pointing at the emulator and a public-API key.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe } from 'node:test';
import { type Emulator, startEmulator } from '../emulator';
import { N8nClient, type Owner } from './client';
import { type N8nInstance, type StartOptions, startN8n } from './n8n';
import { type Line, REPO_ROOT, selectedLines } from './paths';
import { Secrets } from './secrets';

export type Credential = { id: string; name: string };

/** Whether dist/ holds the built package (the suites' npm scripts build first). */
export function isBuilt(): boolean {
	return existsSync(join(REPO_ROOT, 'dist', 'nodes', 'AtlasTrigger', 'AtlasTrigger.node.js'));
}

/** `npm pack` of this checkout into a new temp folder `<prefix>*`: the tarball and its folder. */
export function pack(prefix: string): { tarball: string; dir: string } {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error(`npm pack made no tarball in ${dir}`);
	return { tarball: join(dir, tgz), dir };
}

const packed = new Map<string, string>();
/**
 * `npm pack` of the built package, once per process and suite (its npm script builds first):
 * into a temp folder `atlas-<suite>-pack-*`, removed when the process exits; without dist/ it
 * says to run `npm run test:<suite>`.
 */
export function packOnce(suite: 'e2e' | 'hardening' | 'queue' | 'examples' = 'e2e'): string {
	const done = packed.get(suite);
	if (done) return done;
	if (!isBuilt()) {
		throw new Error(
			`dist/ is not built: run \`npm run test:${suite}\` (it builds first) or \`npm run build\``,
		);
	}
	const { tarball, dir } = pack(`atlas-${suite}-pack-`);
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	packed.set(suite, tarball);
	return tarball;
}

/**
 * describe(title) with one sub-suite `n8n <line>.x` per selected line (env N8N_LINES): the lines
 * side by side, the tests of a line in order. The package is packed once (packOnce) before any of
 * them; `tarball()` answers it from then on.
 */
export function describeLines(
	title: string,
	suite: (line: Line, tarball: () => string) => void,
): void {
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

/** The Atlas credential `name` and a public-API key, for a client logged in as the owner. */
export async function addAtlas(
	client: N8nClient,
	name: string,
	atlas: { apiKey: string; baseUrl: string },
	{ apiKeyLabel }: { apiKeyLabel?: string } = {},
): Promise<Credential> {
	const credential = await client.createCredential(name, 'atlasApi', {
		apiKey: atlas.apiKey,
		baseUrl: atlas.baseUrl,
	});
	await client.createApiKey(apiKeyLabel);
	return credential;
}

/** On a fresh n8n: the owner (created or logged in), the Atlas credential `name` and a public-API key. */
export async function setUpAtlas(
	client: N8nClient,
	name: string,
	atlas: { apiKey: string; baseUrl: string },
): Promise<Credential> {
	await client.setupOwner();
	return await addAtlas(client, name, atlas);
}

export interface N8nOptions {
	line: Line;
	/** The `npm pack` tarball to install (see packOnce); none: n8n without the package. */
	packageTarball?: string;
	/** n8n's log level (default: the harness's, env N8N_E2E_LOG_LEVEL or info). */
	logLevel?: StartOptions['logLevel'];
	/** N8N_USER_FOLDER (default: a new temp folder). */
	userFolder?: string;
	/** The owner account (default OWNER of ./client). */
	owner?: Owner;
	/** When set, once n8n is up: `# n8n <version>: <bootLog> <ms> ms`. */
	bootLog?: string;
	/** Extra environment for n8n (the harness does not pass its own N8N_* variables on). */
	env?: Record<string, string>;
}

/** n8n of the line with the package, and a client logged in as the owner (created on a fresh n8n). */
export async function startN8nWithOwner(
	o: N8nOptions,
): Promise<{ n8n: N8nInstance; client: N8nClient }> {
	const n8n = await startN8n({
		line: o.line,
		packageTarball: o.packageTarball,
		logLevel: o.logLevel,
		userFolder: o.userFolder,
		env: o.env,
	});
	try {
		if (o.bootLog) console.log(`# n8n ${n8n.version}: ${o.bootLog} ${n8n.bootMs} ms`);
		const client = new N8nClient(n8n.baseUrl, o.line, o.owner);
		await client.setupOwner();
		return { n8n, client };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}

export interface RigOptions extends N8nOptions {
	/** The `npm pack` tarball to install (see packOnce). */
	packageTarball: string;
	/** The random api-key starts with this (`e2e-`, `hk-`); or `apiKey` gives it whole. */
	apiKeyPrefix?: string;
	apiKey?: string;
	credentialName: string;
	/** The public-API key's label (default the client's `e2e-<time>`). */
	apiKeyLabel?: string;
	/** Secrets to redact; gets the api-key as soon as it is made (default: a new Secrets). */
	secrets?: Secrets;
}

export interface AtlasRig {
	line: Line;
	apiKey: string;
	emu: Emulator;
	n8n: N8nInstance;
	client: N8nClient;
	credential: Credential;
	/** The api-key, and every token added later: never to be printed or stored. */
	secrets: Secrets;
	/** Stops n8n (`removeFolder`: and deletes its user folder) and the emulator. */
	stop(opts?: { removeFolder?: boolean }): Promise<void>;
}

/**
 * The emulator (a random api-key), then n8n of the line with the package and its owner, then the
 * Atlas credential and a public-API key (addAtlas). When a step fails, what was started is
 * stopped again before the error is rethrown.
 */
export async function startRig(o: RigOptions): Promise<AtlasRig> {
	const apiKey = o.apiKey ?? `${o.apiKeyPrefix ?? 'e2e-'}${randomBytes(18).toString('base64url')}`;
	const secrets = o.secrets ?? new Secrets();
	secrets.add(apiKey);
	const emu = await startEmulator({ apiKey });
	let n8n: N8nInstance | undefined;
	try {
		let client: N8nClient;
		({ n8n, client } = await startN8nWithOwner(o));
		const credential = await addAtlas(
			client,
			o.credentialName,
			{ apiKey, baseUrl: emu.baseUrl },
			{ apiKeyLabel: o.apiKeyLabel },
		);
		const started = n8n;
		const stop = async ({ removeFolder = false } = {}) => {
			await started.stop({ removeFolder });
			await emu.close();
		};
		return { line: o.line, apiKey, emu, n8n, client, credential, secrets, stop };
	} catch (error) {
		await n8n?.stop();
		await emu.close();
		throw error;
	}
}
