// The playground page: sends the paste or file to POST /api/preview and renders the answer with DOM text only.

const form = $('form');
const paste = $('paste');
const fileInput = $('file');
const status = $('status');
const answer = $('answer');
const UPLOAD_LIMIT = Number(document.querySelector('main').dataset.uploadLimit) || 0;

const CONFIDENCE = { confirmed: 'Confirmed', likely: 'Likely', possible: 'Possible' };
const SINGLE = { confirmed: 'Root cause', likely: 'Likely root cause', possible: 'Possible cause' };

/** When the paste box shows a redacted copy, the original stays in memory (never in the page) for re-runs. */
let held = null;
let running = null;
let runs = 0;

/** Text with `backticks` shown as code, as the core writes screen names and scope strings. */
function richText(tag, text, props) {
  const node = el(tag, props);
  text.split('`').forEach((part, i) => {
    if (part) node.append(i % 2 ? el('code', { text: part }) : document.createTextNode(part));
  });
  return node;
}

function setStatus(message, isError = false) {
  status.textContent = message;
  status.className = isError ? 'error' : '';
}

function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function showFile() {
  const file = fileInput.files[0];
  $('file-info').hidden = !file;
  $('clear-file').hidden = !file;
  $('file-info').textContent = file
    ? `${file.name} (${formatBytes(file.size)}) will be diagnosed, followed by any text in the paste box.`
    : '';
}

function renderFacts(summary, facts) {
  const rows = summary.facts.map((f) => [f.label, f.value]);
  if (facts.scopes.length) rows.push(['Scopes', facts.scopes.join(' ')]);
  if (facts.errorCodes.length) rows.push(['Error codes', facts.errorCodes.join(', ')]);
  if (facts.token?.aud) rows.push(['Token audience', facts.token.aud]);
  $('facts').replaceChildren(
    ...rows.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })]),
  );
}

function renderQuestions(questions) {
  const box = $('questions');
  box.replaceChildren();
  if (!questions.length) return;
  box.append(el('h3', { text: 'What would settle it' }));
  for (const q of questions) {
    const id = `q-${q.id}`;
    const buttons = q.options.map((o) => {
      const button = el('button', { type: 'button', class: 'option', text: o.label });
      button.addEventListener('click', () => answerQuestion(o.answer));
      return button;
    });
    box.append(
      el(
        'div',
        { class: 'question', role: 'group', 'aria-labelledby': id },
        richText('p', q.text, { id }),
        el('div', { class: 'options' }, ...buttons),
      ),
    );
  }
}

/** This browser's own random id: the server counts one verdict per person per answer, and never learns who. */
function person() {
  let id = localStorage.getItem('mailhandler-doctor-person');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('mailhandler-doctor-person', id);
  }
  return id;
}

async function postJson(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `The server answered ${res.status}.`);
  return json;
}

/** "Fixed it" / "Not it" under a finding; the buttons give way to a thank-you, and "Not it" offers to keep the paste. */
function feedbackBar(answerId, f) {
  const bar = el('div', { class: 'feedback', role: 'group', 'aria-label': `Did this fix it? ${f.title}` });
  const thanks = (text) => el('p', { class: 'thanks', role: 'status', text });
  const say = async (verdict) => {
    try {
      const r = await postJson('/api/feedback', { answerId, rule: f.id, verdict, person: person() });
      const recorded =
        r.result === 'unavailable' ? 'Thanks — but it could not be saved right now.' : 'Thanks — recorded.';
      if (!r.canKeep) return bar.replaceChildren(thanks(recorded));
      const keep = el('button', {
        type: 'button',
        class: 'secondary',
        text: 'Keep this paste (redacted) for the catalogue',
      });
      keep.addEventListener('click', async () => {
        try {
          await postJson('/api/feedback/keep', { answerId });
          bar.replaceChildren(thanks('Kept, with its secrets removed. Thank you.'));
        } catch (err) {
          bar.replaceChildren(thanks(err.message));
        }
      });
      bar.replaceChildren(
        thanks(`${recorded} Would you let this install keep the paste, redacted, so a rule can learn it?`),
        keep,
      );
    } catch (err) {
      bar.replaceChildren(thanks(`The feedback could not be sent: ${err.message}`));
    }
  };
  const fixed = el('button', { type: 'button', class: 'secondary', text: 'Fixed it' });
  const notIt = el('button', { type: 'button', class: 'secondary', text: 'Not it' });
  fixed.addEventListener('click', () => say('fixed'));
  notIt.addEventListener('click', () => say('not-it'));
  bar.append(el('span', { class: 'hint', text: 'Did this fix it?' }), fixed, notIt);
  return bar;
}

function renderFinding(f, index, total, answerId) {
  const heading = el('h3', {}, el('span', { class: `badge ${f.confidence}`, text: CONFIDENCE[f.confidence] }), ' ');
  heading.append(f.title);
  const article = el('article', { class: 'finding', 'aria-label': `${index === 0 ? 'Root cause' : 'Other cause'}` });
  if (total > 1) article.append(el('p', { class: 'rank', text: `Cause ${index + 1} of ${total}` }));
  article.append(heading, richText('p', f.cause, { class: 'cause' }));
  if (!f.fixAvailable) {
    article.append(
      el('p', { class: 'nofix', text: 'No fix is available in Jira for this yet; the steps below work around it.' }),
    );
  }
  if (f.fix.length) article.append(el('h4', { text: 'Fix' }), el('ol', {}, ...f.fix.map((s) => richText('li', s))));
  if (f.evidence.length) {
    const items = f.evidence.map((e) =>
      el('li', {}, el('span', { class: 'line', text: `line ${e.line}` }), el('code', { text: e.text })),
    );
    article.append(el('h4', { text: 'Evidence (secrets removed)' }), el('ul', { class: 'evidence' }, ...items));
  }
  if (f.links.length) {
    const items = f.links.map((l) =>
      el('li', {}, el('a', { href: l.url, rel: 'noreferrer noopener', target: '_blank', text: l.title })),
    );
    article.append(el('h4', { text: 'Links' }), el('ul', { class: 'links' }, ...items));
  }
  if (answerId) article.append(feedbackBar(answerId, f));
  return article;
}

function renderPreview(pre, preview) {
  pre.textContent = preview.available ? JSON.stringify(preview.message, null, 2) : preview.reason;
}

function render(result) {
  const d = result.diagnosis;
  const n = d.findings.length;
  const top = d.findings[0];
  const others = n - 1;
  $('answer-heading').textContent =
    n === 0
      ? result.summary.headline
      : others === 0
        ? SINGLE[top.confidence]
        : top.confidence === 'possible'
          ? `${n} possible causes, most certain first`
          : `${SINGLE[top.confidence]}, and ${others} more to rule out`;
  const warning = $('secret-warning');
  warning.hidden = !result.summary.secretWarning;
  warning.textContent = result.summary.secretWarning ?? '';
  renderFacts(result.summary, d.facts);
  renderQuestions(d.questions);
  $('findings').replaceChildren(...d.findings.map((f, i) => renderFinding(f, i, n, result.answerId)));
  $('notes').replaceChildren(
    ...(d.notes.length ? [el('ul', { class: 'notes' }, ...d.notes.map((t) => richText('li', t)))] : []),
  );
  const info = `Read ${formatBytes(d.input.bytes)}, ${d.input.lines} line${d.input.lines === 1 ? '' : 's'}.`;
  $('input-info').textContent = [info, result.readFrom ?? ''].join(' ').trim();
  renderPreview($('slack-json'), result.slack);
  renderPreview($('teams-json'), result.teams);
  answer.hidden = false;
  $('answer-heading').focus();
}

function showProgress(loaded, total) {
  $('progress-box').hidden = false;
  const pct = total ? Math.round((loaded / total) * 100) : 0;
  $('progress').value = pct;
  $('progress-text').textContent = `${pct}% of ${formatBytes(total)}`;
}

/** XMLHttpRequest rather than fetch: only it reports upload progress for big files. */
function send(body, headers) {
  running?.abort();
  const xhr = new XMLHttpRequest();
  running = xhr;
  return new Promise((resolve, reject) => {
    xhr.open('POST', '/api/preview');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 256 * 1024) showProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      const json = xhr.response;
      if (xhr.status === 200 && json) resolve(json);
      else reject(new Error(json?.error ?? `The server answered ${xhr.status}.`));
    });
    xhr.addEventListener('error', () =>
      reject(new Error('The playground server did not answer. Is npm start still running?')),
    );
    xhr.addEventListener('abort', () => reject(null));
    xhr.send(body);
  });
}

async function diagnose() {
  const shown = paste.value;
  const text = held && shown === held.shown ? held.original : shown;
  const file = fileInput.files[0];
  if (!file && !text.trim()) {
    setStatus('Paste a log or error first, or choose a log file.', true);
    paste.focus();
    return;
  }
  const run = ++runs;
  setStatus(file ? `Reading ${file.name}…` : 'Diagnosing…');
  form.setAttribute('aria-busy', 'true');
  try {
    let result;
    if (file) {
      const prefix = new TextEncoder().encode(text);
      const room = UPLOAD_LIMIT - prefix.length;
      const over = UPLOAD_LIMIT > 0 && file.size > room;
      if (over && /\.gz$/i.test(file.name)) {
        throw new Error(
          `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(UPLOAD_LIMIT)} this server reads, and a .gz cannot be read from its end. Unpack it and choose the .log: its newest ${formatBytes(UPLOAD_LIMIT)} are then read.`,
        );
      }
      // A log over the limit is read from its end: the newest lines are the ones that matter.
      const body = new Blob([prefix, over ? file.slice(file.size - room) : file]);
      result = await send(body, { 'content-type': 'application/octet-stream', 'x-paste-bytes': String(prefix.length) });
      if (over) {
        result.readFrom = `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(UPLOAD_LIMIT)} this server reads, so its last ${formatBytes(room)} (the newest lines) were read.`;
      }
    } else {
      result = await send(JSON.stringify({ text }), { 'content-type': 'application/json' });
    }
    held = result.secretLines?.length > 0 ? { shown: withoutLines(text, result.secretLines), original: text } : null;
    if (held) paste.value = held.shown;
    render(result);
    const done = held ? 'Done. The secrets were also removed from the paste box.' : 'Done.';
    setStatus(result.readFrom ? `${done} ${result.readFrom}` : done);
  } catch (err) {
    if (!err) return;
    // An answer left on screen under an error would read as the answer to this file.
    answer.hidden = true;
    const tooBig = !file && /larger than the limit/.test(err.message);
    setStatus(tooBig ? `${err.message} Choose it as a file instead: files are streamed.` : err.message, true);
  } finally {
    // A newer run owns the busy state and the progress bar.
    if (run === runs) {
      form.removeAttribute('aria-busy');
      $('progress-box').hidden = true;
    }
  }
}

/** The paste with the lines the server found secrets on replaced; the server never sends the paste back. */
function withoutLines(text, lines) {
  const drop = new Set(lines);
  return text
    .split('\n')
    .map((line, i) => (drop.has(i + 1) ? '[removed: this line held a secret]' : line))
    .join('\n');
}

function answerQuestion(text) {
  const base = paste.value.replace(/\s+$/, '');
  const original = held && paste.value === held.shown ? held.original.replace(/\s+$/, '') : null;
  paste.value = base ? `${base}\n${text}` : text;
  if (original !== null) held = { shown: paste.value, original: `${original}\n${text}` };
  diagnose();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  diagnose();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    diagnose();
  }
});
fileInput.addEventListener('change', () => {
  showFile();
  if (fileInput.files[0]) diagnose();
});
$('clear-file').addEventListener('click', () => {
  fileInput.value = '';
  showFile();
  fileInput.focus();
});

const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('dragging');
});
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('dragging');
  if (!e.dataTransfer?.files.length) return;
  fileInput.files = e.dataTransfer.files;
  fileInput.dispatchEvent(new Event('change'));
});

// The live check (POST /api/probe): the secret field is emptied once sent, and never filled back.
$('probe-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const secret = $('probe-secret');
  const refresh = $('probe-refresh');
  const body = {
    protocol: $('probe-protocol').value,
    grant: $('probe-grant').value,
    tenant: $('probe-tenant').value,
    clientId: $('probe-client').value,
    mailbox: $('probe-mailbox').value,
    secret: secret.value,
    ...(refresh.value ? { refreshToken: refresh.value } : {}),
  };
  secret.value = '';
  refresh.value = '';
  $('probe-status').textContent = 'Running the live check…';
  try {
    const result = await postJson('/api/probe', body);
    const rows = result.steps.map((s) =>
      el(
        'tr',
        {},
        el('td', { text: s.name }),
        el('td', { text: s.ok ? 'ok' : 'failed' }),
        el('td', { text: `${s.ms} ms` }),
        el('td', { text: s.detail }),
      ),
    );
    $('probe-steps')
      .querySelector('tbody')
      .replaceChildren(...rows);
    $('probe-steps').hidden = false;
    const failed = result.steps.some((s) => !s.ok);
    $('probe-status').textContent = failed ? 'A step failed: the answer below says why.' : 'Every step passed.';
    render(result);
  } catch (err) {
    $('probe-status').textContent = err.message;
  }
});
