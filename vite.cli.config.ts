import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The `report` command as one Node ESM file (Node 20 cannot run TypeScript). The engine stays
 * external: it loads its wasm from node_modules at run time.
 */
export default defineConfig({
	publicDir: false,
	logLevel: 'warn',
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	ssr: { target: 'node', noExternal: true },
	build: {
		ssr: 'src/lib/cli/report.ts',
		outDir: 'build-cli',
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		sourcemap: true,
		copyPublicDir: false,
		rolldownOptions: {
			external: [
				/^node:/,
				...builtinModules,
				/^@duckdb\/duckdb-wasm(\/|$)/,
				/^@duckdb\/node-api(\/|$)/,
				/^apache-arrow(\/|$)/
			],
			output: { format: 'es', entryFileNames: 'report.mjs' }
		}
	}
});
