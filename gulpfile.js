// Build helpers for `npm run build`:
//   gulp clean        remove dist/ (the build starts from nothing, so no stale file is ever packed)
//   gulp build:icons  copy nodes/**/*.{png,svg} and credentials/**/*.{png,svg} into dist/, same paths
//   gulp build:codex  copy the nodes' codex files (nodes/**/*.node.json) into dist/: tsc only emits
//                     JSON that code imports, and n8n reads the codex next to the .node.js
const fs = require('node:fs');
const path = require('node:path');
const { src, dest, task } = require('gulp');

const DIST = path.join(__dirname, 'dist');

task('clean', (done) => {
	fs.rmSync(DIST, { recursive: true, force: true });
	done();
});

task('build:icons', () =>
	// encoding: false — gulp 5 reads files as UTF-8 by default, which would corrupt PNGs.
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: __dirname,
		cwd: __dirname,
		encoding: false,
		allowEmpty: true,
	}).pipe(dest(DIST)),
);

task('build:codex', () =>
	src(['nodes/**/*.node.json'], { base: __dirname, cwd: __dirname, allowEmpty: true }).pipe(
		dest(DIST),
	),
);
