// Builds the package from the working tree into a private temp folder and `npm pack`s it there,
// so the benchmarks measure the current code without touching the shared dist/ (others build
// there too). Same steps as `npm run build` (tsc -p tsconfig.build.json, icons, codex files).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { REPO } from './common';

function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}

let packed: { tarball: string; bytes: number; dir: string } | undefined;

/** The packed tarball of the current working tree (built once per process). */
export function packWorkingTree(): { tarball: string; bytes: number; dir: string } {
	if (packed) return packed;
	const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-pack-'));
	const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
	execFileSync(
		process.execPath,
		[tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')],
		{ cwd: REPO, stdio: 'inherit' },
	);
	for (const root of ['nodes', 'credentials']) {
		for (const file of walk(join(REPO, root))) {
			if (/\.(svg|png)$/.test(file) || file.endsWith('.node.json')) {
				const target = join(dir, 'dist', relative(REPO, file));
				mkdirSync(dirname(target), { recursive: true });
				copyFileSync(file, target);
			}
		}
	}
	for (const f of ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'])
		cpSync(join(REPO, f), join(dir, f));
	const name = execFileSync('npm', ['pack', '--silent'], { cwd: dir, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop()!;
	const tarball = join(dir, name);
	packed = { tarball, bytes: statSync(tarball).size, dir };
	return packed;
}
