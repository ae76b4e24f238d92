// The report page: reads GET /api/report and draws it with DOM text and SVG elements only (no inline script,
// style or library: the page works offline under the playground's strict CSP).

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** One bar per day: answers, with the part people marked fixed or not it drawn over it. */
function chart(rule, since, days) {
  const width = 240;
  const height = 48;
  const start = Date.parse(since.slice(0, 10));
  const span = Math.max(1, Math.round(days));
  const byDay = new Map(rule.days.map((d) => [d.day, d]));
  const max = Math.max(1, ...rule.days.map((d) => d.answers));
  const bar = width / span;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `${rule.rule}: ${rule.answers} answers over ${span} days, at most ${max} on a day`,
    class: 'chart',
  });
  for (let i = 0; i < span; i++) {
    const day = new Date(start + (i + 1) * 86400000).toISOString().slice(0, 10);
    const d = byDay.get(day);
    if (!d) continue;
    const h = (d.answers / max) * (height - 2);
    const x = i * bar;
    const w = Math.max(1, bar - 1);
    const title = svg('title', {});
    title.textContent = `${day}: ${d.answers} answers, ${d.fixed} fixed, ${d.notIt} not it`;
    const g = svg('g', {});
    g.append(title, svg('rect', { x, y: height - h, width: w, height: h, class: 'bar-answers' }));
    const fixed = (d.fixed / max) * (height - 2);
    if (fixed > 0) g.append(svg('rect', { x, y: height - fixed, width: w, height: fixed, class: 'bar-fixed' }));
    const notIt = (d.notIt / max) * (height - 2);
    if (notIt > 0) g.append(svg('rect', { x, y: height - fixed - notIt, width: w, height: notIt, class: 'bar-notit' }));
    root.append(g);
  }
  return root;
}

function doors(rule) {
  return Object.entries(rule.byDoor)
    .map(([door, n]) => `${door}: ${n.answers} answered, ${n.fixed} fixed, ${n.notIt} not it`)
    .join('; ');
}

function render(report) {
  const status = $('status');
  if (!report.learning) {
    status.textContent = 'This install does not learn (LEARN=off): nothing is kept, so there is nothing to report.';
    return;
  }
  if (report.unavailable) {
    status.textContent = report.unavailable;
    return;
  }
  status.textContent = `Since ${report.since.slice(0, 10)}: ${report.answers} answers, ${report.unknownAnswers} of them with no finding.`;
  const body = $('rules').tBodies[0];
  body.replaceChildren(
    ...report.rules.map((r) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, el('code', { text: r.rule })),
        el('td', { class: 'num', text: String(r.answers) }),
        el('td', { class: 'num', text: String(r.fixed) }),
        el('td', { class: 'num', text: String(r.notIt) }),
        el('td', { text: doors(r) }),
        el('td', {}, chart(r, report.since, report.days)),
      ),
    ),
  );
  $('rules-section').hidden = report.rules.length === 0;
  $('unknowns').replaceChildren(
    ...report.unknowns.map((u) =>
      el(
        'li',
        { class: 'unknown' },
        el(
          'p',
          {},
          el('strong', { text: `Seen ${u.count} time${u.count === 1 ? '' : 's'}` }),
          ` · last ${u.lastSeen.slice(0, 10)} · ${u.door} · ${u.reason}`,
        ),
        el('p', { class: 'hint', text: u.summary || '(no error line)' }),
        el(
          'details',
          {},
          el('summary', { text: 'The kept paste (redacted)' }),
          el('pre', { class: 'json', text: u.example || '(a file: no text kept)' }),
        ),
        el('a', {
          href: `/api/report/unknowns/${u.shape}.txt`,
          download: `unknown-${u.shape}.txt`,
          text: 'Download as a corpus case',
        }),
      ),
    ),
  );
  $('unknowns-section').hidden = report.unknowns.length === 0;
  if (report.rules.length === 0 && report.unknowns.length === 0)
    status.textContent += ' Nothing recorded in this period yet.';
}

async function load() {
  $('status').textContent = 'Loading…';
  try {
    const res = await fetch(`/api/report?since=${encodeURIComponent($('since').value)}`);
    const json = await res.json();
    if (!res.ok) throw new Error(json.error ?? `The server answered ${res.status}.`);
    render(json);
  } catch (err) {
    $('status').textContent = `The report could not be loaded: ${err.message}`;
  }
}

$('since').addEventListener('change', load);
$('controls').addEventListener('submit', (e) => e.preventDefault());
load();
