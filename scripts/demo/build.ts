// Build and install: the package built and packed as npm publishes it, and the pinned n8n of the
// chosen line installed into the cache when missing (scripts/install-n8n.sh).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, type Line, N8N_VERSIONS, REPO_ROOT, n8nInstallDir } from '../../test/rig/paths';
import { DemoError, done, home, note, secs, step } from './output';
import { running } from './running';

function run(
	cmd: string,
	args: string[],
	{ quiet }: { quiet: boolean },
): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, {
			cwd: REPO_ROOT,
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		let output = '';
		child.stdout?.on('data', (d) => (output += d));
		child.stderr?.on('data', (d) => (output += d));
		child.on('error', (err) => resolve({ code: -1, output: String(err.message) }));
		child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 130 : 1), output }));
	});
}

export async function buildAndPack(): Promise<string> {
	step('building the package (npm run build)');
	const t = Date.now();
	const build = await run('npm', ['run', 'build'], { quiet: true });
	if (build.code !== 0) {
		console.log(build.output.split('\n').slice(-30).join('\n'));
		throw new DemoError(
			'the build failed (its output is above)',
			'fix the errors `npm run build` reports, then run npm start again',
		);
	}
	const dir = mkdtempSync(join(tmpdir(), 'atlas-demo-pack-'));
	running.packDir = dir;
	const pack = await run('npm', ['pack', '--silent', '--pack-destination', dir], { quiet: true });
	const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (pack.code !== 0 || !tgz) throw new DemoError(`npm pack failed:\n${pack.output.trim()}`);
	done(`built and packed ${tgz} (${secs(Date.now() - t)})`);
	return join(dir, tgz);
}

export async function ensureN8nInstalled(line: Line): Promise<void> {
	const dir = n8nInstallDir(line);
	const node24 = join(CACHE, 'node24', '.ok');
	const version = N8N_VERSIONS[line];
	if (existsSync(join(dir, '.ok')) && (line === 1 || existsSync(node24))) {
		done(`n8n ${version} is installed (${home(dir)})`);
		return;
	}
	step(`installing n8n ${version}${line === 2 ? ' and Node 24' : ''} into ${home(dir)}`);
	note('first run only: this downloads about 2-3 GB from the npm registry and takes a few minutes');
	const t = Date.now();
	const result = await run('bash', [join(REPO_ROOT, 'scripts', 'install-n8n.sh'), String(line)], {
		quiet: false,
	});
	if (result.code !== 0) {
		throw new DemoError(
			`installing n8n ${version} failed (exit code ${result.code})`,
			`the install's last line above says why (registry or disk) and what to do; then run npm start again`,
		);
	}
	done(`installed n8n ${version} (${secs(Date.now() - t)})`);
}
