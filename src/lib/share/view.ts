import type { Config, DateOrder, Dimension } from '../model/config';
import type { FileRole } from '../model/mapping';
import type { Filters, Period } from '../model/filters';
import type { Encoding } from '../ingest/decode';
import type { DrillTarget } from '../metrics/drill';
import type { FunnelMode } from '../metrics/snapshot-funnel';
import type { Lang, MessageKey } from '../i18n/messages';

/** What a hosted file is for; the loader still tells files apart by content. */
export const ROLES = ['deals', 'history', 'spend'] as const;
export type Role = (typeof ROLES)[number];

export interface HostedFile {
	url: string;
	role?: Role;
}

/**
 * Where a view's data comes from: nothing yet, files the user dropped (by name), hosted files
 * (`?src=`), the data carried in the link's fragment, or the site's `dashboard.json`.
 */
export type Source =
	| { kind: 'none' }
	| { kind: 'files'; names: string[] }
	| { kind: 'hosted'; files: HostedFile[] }
	| { kind: 'inline' }
	| { kind: 'dashboard' };

/** Everything a link carries: the whole view of the dashboard. */
export interface ShareView {
	source: Source;
	/** The user's config (METRICS.md §5): only what overrides detection. */
	config: Config;
	period: Period | null;
	filters: Filters;
	breakdown: Dimension;
	funnelMode: FunnelMode;
	/** The list of deals open over the dashboard (null: none). */
	drill: DrillTarget | null;
	/** null: the link does not say (the browser's language is used). */
	lang: Lang | null;
	/** The CRM reading the user chose per file name. */
	crm: Record<string, string>;
	/** Text encodings the user chose per file name. */
	encodings: Record<string, Encoding>;
	/** Roles the user gave files, by name (`ignore`: not used); none when the link has none. */
	roles?: Record<string, FileRole | 'ignore'>;
	dateOrder: DateOrder | null;
	/** Seconds a hosted file may stay silent before its download is given up (null: default). */
	timeout: number | null;
}

export const DEFAULT_VIEW: ShareView = {
	source: { kind: 'none' },
	config: {},
	period: null,
	filters: {},
	breakdown: 'owner',
	funnelMode: 'cohort',
	drill: null,
	lang: null,
	crm: {},
	encodings: {},
	dateOrder: null,
	timeout: null
};

/** A message about a link (what was wrong and what was done instead), in the page's language. */
export interface LinkIssue {
	key: MessageKey;
	vars?: Record<string, string | number>;
	/** Placeholders filled with another message's text (e.g. `why`). */
	keys?: Record<string, MessageKey>;
}
