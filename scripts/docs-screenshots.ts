// Screenshots for the README, taken from a real n8n editor in headless Chromium.
//
//   npm run docs:screenshots              writes docs/*.png (n8n 2.41, the demo's default line)
//   npm run docs:screenshots -- --line 1  from n8n 1.123 instead
//   npm run docs:check                    same run into a temp folder; asserts every PNG exists,
//                                         is a real picture of the expected size, and that every
//                                         element the script looks for was found (CI)
//
// Needs: the n8n install of that line (installed on first use, as for `npm start`) and Chromium
// (scripts/install-chromium.sh: Debian's chromium at /usr/bin/chromium, or CHROMIUM_PATH).
// What it starts (the Atlas emulator, n8n in a temp user folder) is stopped and removed at the end.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, type Line } from '../test/rig/paths';
import { type Shot, captureAll } from './docs/capture';
import { OWNER, TRIGGER_NODE, type Stack, startStack } from './docs/stack';

interface Args {
	check: boolean;
	line: Line;
	out?: string;
	tarball?: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { check: false, line: 2 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--check') args.check = true;
		else if (a === '--line') args.line = argv[++i] === '1' ? 1 : 2;
		else if (a === '--out') args.out = argv[++i];
		else if (a === '--tarball')
			args.tarball = argv[++i]; // an `npm pack` output instead of building the checkout
		else
			throw new Error(
				`unknown option ${a} (options: --check, --line 1|2, --out DIR, --tarball FILE)`,
			);
	}
	return args;
}

/** Width and height from a PNG's IHDR chunk; throws when the file is not a PNG. */
export function pngSize(file: string): { width: number; height: number; bytes: number } {
	const buf = readFileSync(file);
	if (buf.length < 24 || buf.toString('latin1', 1, 4) !== 'PNG')
		throw new Error(`${file} is not a PNG`);
	return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bytes: buf.length };
}

export const EXPECTED = [
	'node-panel.png',
	'trigger-parameters.png',
	'credential-tested.png',
	'execution-call-completed.png',
	'action-trigger-parameters.png',
];

function verify(shots: Shot[]): string[] {
	const problems: string[] = [];
	for (const name of EXPECTED) {
		const shot = shots.find((s) => s.file.endsWith(`/${name}`));
		if (!shot) {
			problems.push(`${name} was not taken`);
			continue;
		}
		if (shot.found.length < 2)
			problems.push(`${name}: only ${shot.found.length} of its elements were found`);
		try {
			const { width, height, bytes } = pngSize(shot.file);
			// a blank or half-rendered page compresses to a few KB; real editor screens are 40 KB+
			if (bytes < 20_000) problems.push(`${name}: only ${bytes} bytes (blank page?)`);
			if (width < 600 || height < 400) problems.push(`${name}: ${width}x${height} is too small`);
		} catch (error) {
			problems.push(`${name}: ${(error as Error).message}`);
		}
	}
	return problems;
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const outDir =
		args.out ??
		(args.check ? mkdtempSync(join(tmpdir(), 'atlas-docs-check-')) : join(REPO_ROOT, 'docs'));
	mkdirSync(outDir, { recursive: true });
	console.log(`docs screenshots: n8n line ${args.line} → ${outDir}${args.check ? ' (check)' : ''}`);
	let stack: Stack | undefined;
	const stopAll = async () => {
		await stack?.stop();
		stack = undefined;
	};
	for (const sig of ['SIGINT', 'SIGTERM'] as const)
		process.once(sig, () => void stopAll().finally(() => process.exit(130)));
	try {
		stack = await startStack({ line: args.line, tarball: args.tarball });
		const trigger = stack.workflow.nodes.find((n) => n.name === TRIGGER_NODE);
		const shots = await captureAll({
			baseUrl: stack.n8n.baseUrl,
			email: OWNER.email,
			password: OWNER.password,
			workflowId: stack.workflow.id,
			triggerNodeId: String(trigger?.id ?? ''),
			credentialId: stack.credentialId,
			executionId: String(stack.execution.id),
			outDir,
			actionWorkflowId: stack.actionWorkflow.id,
		});
		for (const s of shots) {
			const { width, height, bytes } = pngSize(s.file);
			console.log(
				`  ✓ ${relative(REPO_ROOT, s.file) || s.file}  ${width}x${height}, ${Math.round(bytes / 1024)} KB: ${s.what}`,
			);
			console.log(`      found: ${s.found.join(' · ')}`);
		}
		const problems = verify(shots);
		if (problems.length > 0) {
			console.error(
				`docs screenshots: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`,
			);
			return 1;
		}
		console.log(args.check ? 'docs check passed' : 'docs screenshots written');
		return 0;
	} catch (error) {
		console.error(`docs screenshots failed: ${(error as Error).message}`);
		return 1;
	} finally {
		await stopAll();
		if (args.check && !args.out) rmSync(outDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
