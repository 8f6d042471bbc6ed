import { encodeCp1251, encodeUtf8Bom } from './cp1251.mjs';
import {
	DAY,
	dotDate,
	dotStamp,
	isoDate,
	simulateDeal,
	generatorClock,
	SPAN
} from './simulate.mjs';

export const STAGES = [
	'Новая',
	'Подготовка документов',
	'Счёт на предоплату',
	'В работе',
	'Финальный счёт'
];
const WON = 'Сделка успешна';
const LOST = ['Сделка провалена', 'Анализ причины провала'];
const OWNERS = ['Иван Петров', 'Анна Соколова', 'Дмитрий Волков', 'Алёна Ёлкина'];
const SOURCES = ['Звонок', 'Веб-сайт', 'Реклама', 'Электронная почта', 'Существующий клиент'];
const ADVANCE = [0.78, 0.72, 0.7, 0.68, 0.8];
const HEADER = [
	'ID',
	'Название сделки',
	'Стадия сделки',
	'Воронка',
	'Сумма',
	'Валюта',
	'Вероятность',
	'Сделка закрыта',
	'Предполагаемая дата закрытия',
	'Дата создания',
	'Дата изменения',
	'Ответственный',
	'Источник',
	'Тип',
	'Компания',
	'Комментарий'
];

/** `1234567.5` as Bitrix24 writes it: decimal comma, two decimals. @param {number} n */
const money = (n) => n.toFixed(2).replace('.', ',');

/** @param {string} s */
const escapeHtml = (s) =>
	s
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');

/**
 * A Bitrix24 deals export. CSV: every value quoted and followed by `;`, the last one too, header
 * included; decimal comma; `DD.MM.YYYY` close dates and `DD.MM.YYYY HH:MM:SS` creation times;
 * `Сделка закрыта` Да/Нет. Three byte forms: windows-1251 (older portals), UTF-8 with a BOM, and
 * the "Excel" export: an HTML table saved as `.xls` (windows-1251). With `plainE`, stage labels are
 * written with е instead of ё (`Счет на предоплату`), as some portals do.
 * @param {import('./simulate.mjs').GeneratorOptions & { plainE?: boolean }} [options]
 */
export function generateBitrix24({ deals = 500, seed = 29, plainE = false, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, {
		...SPAN,
		end: '2025-05-31',
		today: '2025-06-01',
		...span
	});
	const stages = plainE ? STAGES.map((s) => s.replaceAll('ё', 'е')) : STAGES;
	/** @type {string[][]} */
	const rows = [];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	for (let i = 0; i < deals; i++) {
		const d = simulateDeal(rnd, { t0, t1, now, advance: ADVANCE, skip: 0 });
		const id = String(100 + i);
		const owner = rnd.pick(OWNERS);
		const source = rnd.pick(SOURCES);
		const amount = Math.round(rnd.lognormal(90_000, 0.8) * 100) / 100;
		const lost = rnd.next() < 0.8 ? LOST[0] : LOST[1];
		const stage = d.outcome === 'won' ? WON : d.outcome === 'lost' ? lost : stages[d.stage];
		const probability = d.outcome === 'open' ? (d.stage + 1) * 15 : d.outcome === 'won' ? 100 : 0;
		// Closing a deal sets its close date to that day; an open deal's is a plan.
		const closeDate = d.closedAt ?? now + rnd.int(3, 60) * DAY;
		rows.push([
			id,
			`Заказ №${id}`,
			stage,
			'Общая',
			money(amount),
			'RUB',
			String(probability),
			d.outcome === 'open' ? 'Нет' : 'Да',
			dotDate(closeDate),
			dotStamp(d.created),
			dotStamp(d.closedAt ?? d.path.at(-1)?.at ?? d.created),
			owner,
			source,
			'Продажа',
			`ООО «Клиент ${i % 40}»`,
			i % 9 === 0 ? 'Созвон; "срочно"' : ''
		]);
		truthDeals.push({
			id,
			owner,
			source,
			pipeline: 'Общая',
			segment: 'Продажа',
			amount,
			probability: d.outcome === 'open' ? probability : null,
			created: isoDate(d.created),
			closed: d.closedAt ? isoDate(d.closedAt) : null,
			outcome: d.outcome,
			stage
		});
	}
	/** @param {string[]} r */
	const csvLine = (r) => r.map((v) => `"${v.replaceAll('"', '""')}";`).join('');
	const csvText = [HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';
	const cells = (/** @type {string[]} */ r, /** @type {string} */ tag) =>
		r.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
	const html = [
		'<html>',
		'<head><meta http-equiv="Content-type" content="text/html;charset=windows-1251" /></head>',
		'<body>',
		'<table border="1">',
		`<tr>${cells(HEADER, 'th')}</tr>`,
		...rows.map((r) => `<tr>${cells(r, 'td')}</tr>`),
		'</table>',
		'</body>',
		'</html>'
	].join('\n');
	return {
		cp1251: encodeCp1251(csvText),
		utf8Bom: encodeUtf8Bom(csvText),
		html: encodeCp1251(html),
		truth: {
			deals: truthDeals,
			events: null,
			spend: null,
			stages: { stages, won: [WON], lost: LOST }
		}
	};
}
