import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Data must never become markup: no D3 `.html()`, no `innerHTML`/`outerHTML`.
 * @type {import('eslint').Linter.RulesRecord}
 */
const noMarkupFromData = {
	'svelte/no-at-html-tags': 'error',
	'no-restricted-syntax': [
		'error',
		{
			selector: "CallExpression[callee.property.name='html']",
			message: 'Do not call .html(): data would become markup. Use .text() or Svelte templates.'
		},
		{
			selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
			message: 'Do not use innerHTML/outerHTML: data would become markup.'
		},
		{
			selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
			message: 'Do not use insertAdjacentHTML: data would become markup.'
		}
	]
};

export default defineConfig(
	{ ignores: ['build/', 'build-cli/', '.svelte-kit/', 'node_modules/', 'test-results/'] },
	ts.configs.recommended,
	svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			...noMarkupFromData,
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	}
);
