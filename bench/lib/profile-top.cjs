// Prints the top self-time functions of the largest .cpuprofile in a folder (node --cpu-prof).
//   node bench/lib/profile-top.cjs <dir> [n]
const fs = require('node:fs');
const dir = process.argv[2];
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.cpuprofile'))
	.map((f) => `${dir}/${f}`);
const file = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
p.samples.forEach((id, i) => {
	const n = byId.get(id);
	const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
	self.set(k, (self.get(k) || 0) + (p.timeDeltas[i] || 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, t] of [...self]
	.sort((a, b) => b[1] - a[1])
	.slice(0, Number(process.argv[3] || 20))) {
	console.log(
		`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`,
	);
}
