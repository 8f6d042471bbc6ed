import { encodeCp1251, encodeUtf8Bom } from './cp1251.mjs';
import {
	csvField,
	dotStamp,
	isoDate,
	monthlySpend,
	quoted,
	simulateDeal,
	generatorClock,
	SPAN
} from './simulate.mjs';

export const STAGES = [
	'Первичный контакт',
	'Переговоры',
	'Принимают решение',
	'Согласование договора'
];
const WON = 'Успешно реализовано';
const LOST = 'Закрыто и не реализовано';
const OWNERS = ['Анна Смирнова', 'Пётр Семёнов', 'Ольга Кузнецова', 'Игорь Белов'];
const SOURCES = ['Сайт', 'Яндекс.Директ', 'Рекомендация', 'Авито'];
const TAGS = ['', 'VIP', 'опт, регион', 'повторный'];
const COMPANIES = ['ООО «Ромашка»', 'ИП Гараев', 'АО «Север» — филиал №2', 'ООО Вектор'];
const ADVANCE = [0.75, 0.7, 0.68, 0.78];

// Deals up to the end of May 2025, exported on 1 June.
const EXPORT_SPAN = { ...SPAN, end: '2025-05-31', today: '2025-06-01' };

/**
 * An amoCRM deals export: the deal's own columns, then contact and company columns. Header names
 * repeat (`Источник` for the contact and for the deal, `roistat` twice); only the deal's
 * `Источник` (the second) is filled in on most rows. `Дата закрытия` is `не закрыта` on open
 * deals. Two byte forms: windows-1251 with `,` and every value quoted (budget header `Бюджет`:
 * `₽` has no windows-1251 byte), and UTF-8 with a BOM and `;` (budget header `Бюджет ₽`, quotes
 * only where needed).
 * A Russian spend file (`Месяц;Канал;Расход`, `MM.YYYY`, decimal comma) comes with it.
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generateAmocrm({ deals = 500, seed = 17, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...EXPORT_SPAN, ...span });
	/** @param {string} budget */
	const header = (budget) => [
		'ID',
		'Название сделки',
		budget,
		'Ответственный',
		'Дата создания сделки',
		'Кем создана сделка',
		'Дата редактирования',
		'Кем редактирована',
		'Дата закрытия',
		'Теги',
		'Примечание',
		'Этап сделки',
		'Воронка',
		'Полное имя контакта',
		'Компания контакта',
		'Ответственный за контакт',
		'Компания',
		'Рабочий телефон',
		'Источник',
		'Должность',
		'roistat',
		'utm_source',
		'roistat',
		'Источник'
	];
	/** @type {string[][]} */
	const rows = [];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	for (let i = 0; i < deals; i++) {
		const d = simulateDeal(rnd, { t0, t1, now, advance: ADVANCE, skip: 0 });
		const id = String(24_000_000 + i * 13);
		const owner = rnd.pick(OWNERS);
		const source = rnd.next() < 0.1 ? '' : rnd.pick(SOURCES);
		const amount = rnd.int(5, 400) * 1000;
		const stage = d.outcome === 'won' ? WON : d.outcome === 'lost' ? LOST : STAGES[d.stage];
		const edited = d.closedAt ?? d.path.at(-1)?.at ?? d.created;
		rows.push([
			id,
			`Сделка #${id}`,
			String(amount),
			owner,
			dotStamp(d.created),
			rnd.pick(OWNERS),
			dotStamp(edited),
			owner,
			d.closedAt ? dotStamp(d.closedAt) : 'не закрыта',
			rnd.pick(TAGS),
			i % 7 === 0 ? 'Перезвонить; уточнить "объём"' : '',
			stage,
			'Воронка',
			`Клиент ${i}`,
			rnd.pick(COMPANIES),
			owner,
			rnd.pick(COMPANIES),
			`+7 917 ${String(1_000_000 + i).slice(1, 4)}-${String(i % 100).padStart(2, '0')}-00`,
			i % 11 === 0 ? 'Выставка' : '',
			i % 5 === 0 ? 'Директор' : '',
			'',
			source === 'Яндекс.Директ' ? 'yandex' : '',
			'',
			source
		]);
		truthDeals.push({
			id,
			owner,
			source: source || '(none)',
			pipeline: 'Воронка',
			amount,
			probability: null,
			created: isoDate(d.created),
			closed: d.closedAt ? isoDate(d.closedAt) : null,
			outcome: d.outcome,
			stage
		});
	}
	const spendRows = monthlySpend(rnd, t0, t1, SOURCES.slice(0, 3));
	const cp1251Text = [header('Бюджет'), ...rows].map((r) => r.map(quoted).join(',')).join('\r\n');
	const utf8Text = [header('Бюджет ₽'), ...rows]
		.map((r) => r.map((v) => csvField(v, ';')).join(';'))
		.join('\n');
	const spendText = [
		'Месяц;Канал;Расход',
		...spendRows.map(
			(r) =>
				`${r.month.slice(5)}.${r.month.slice(0, 4)};${r.channel};${r.amount.toFixed(2).replace('.', ',')}`
		)
	].join('\n');
	return {
		/** windows-1251, `,`, CRLF, every value quoted. */
		cp1251: encodeCp1251(cp1251Text + '\r\n'),
		/** UTF-8 with BOM, `;`, quotes only where needed. */
		utf8Bom: encodeUtf8Bom(utf8Text + '\n'),
		spend: encodeUtf8Bom(spendText + '\n'),
		truth: {
			deals: truthDeals,
			events: null,
			spend: spendRows.map((r) => ({
				date: `${r.month}-01`,
				channel: r.channel,
				amount: r.amount
			})),
			stages: { stages: STAGES, won: [WON], lost: [LOST] }
		}
	};
}
