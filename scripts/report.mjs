// `npm run report -- …`: run the report CLI, building its bundle first when any source under
// src/lib is newer than it. The build says nothing on stdout, so `--json` output stays clean.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'build-cli', 'report.mjs');
const inputs = [
	join(root, 'src', 'lib'),
	join(root, 'vite.cli.config.ts'),
	join(root, 'package-lock.json')
];

/**
 * Newest modification time of a file or of any file below a folder (0 when missing).
 * @param {string} path
 * @returns {number}
 */
function newest(path) {
	let info;
	try {
		info = statSync(path);
	} catch {
		return 0;
	}
	if (!info.isDirectory()) return info.mtimeMs;
	let latest = info.mtimeMs;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

function stale() {
	const built = newest(bundle);
	return built === 0 || inputs.some((input) => newest(input) > built);
}

if (stale()) {
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(
		process.execPath,
		[vite, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'],
		{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }
	);
	if (result.status !== 0) {
		process.stderr.write(result.stdout + result.stderr);
		process.stderr.write('report: building the command failed\n');
		process.exit(1);
	}
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
