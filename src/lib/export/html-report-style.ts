/** The report's whole stylesheet: light, readable on screen and on paper, no external fonts. */
export const REPORT_CSS = `
:root{--text:#1d2330;--muted:#5c6577;--border:#dde1e8;--panel:#fff;--bg:#f7f8fa;--good:#1b7a3d;--bad:#b3261e;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 1.5rem}
header{padding-top:1.5rem}
h1{margin:0 0 .5rem;font-size:1.6rem}
h2{font-size:1.05rem;margin:0 0 .75rem}
h2 small{color:var(--muted);font-weight:normal;font-size:.8rem;margin-left:.5rem}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.25rem 1.5rem;margin:0 0 1rem;font-size:.9rem}
.meta dt{color:var(--muted);font-size:.8rem}
.meta dd{margin:0}
.filters{list-style:none;margin:0;padding:0}
.cards{list-style:none;padding:0;margin:0 0 1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem}
.card{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:.75rem .9rem;display:flex;flex-direction:column;gap:.15rem;break-inside:avoid}
.card .label,.card .detail,.card .delta{color:var(--muted);font-size:.8rem}
.card .value{font-size:1.45rem;font-variant-numeric:tabular-nums}
.card .delta.good{color:var(--good)}
.card .delta.bad{color:var(--bad)}
.card .spark svg{width:100%;max-width:120px;height:22px}
.panel{background:var(--panel);border:1px solid var(--border);border-radius:12px;padding:1rem 1.2rem;margin:0 0 1rem;break-inside:avoid}
.chart{margin:0 0 .75rem}
.chart svg{max-width:100%;height:auto}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;font-variant-numeric:tabular-nums;margin:0 0 .75rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid var(--border);text-align:right;white-space:nowrap}
thead th{color:var(--muted);font-weight:600;white-space:normal;vertical-align:bottom;min-width:4.5rem}
tbody th,tfoot th,thead th:first-child{text-align:left;font-weight:normal}
tfoot th,tfoot td{font-weight:600;border-top:2px solid var(--border)}
.warnings ul{margin:0;padding-left:1.2rem}
.note{color:var(--muted);font-size:.85rem}
footer{color:var(--muted);font-size:.8rem;padding-bottom:2rem}
@media print{body{background:#fff;font-size:12px}table{font-size:10px}header,main,footer{max-width:none;padding:0}.panel,.card{border-color:#ccc}.scroll{overflow:visible}}
`;
