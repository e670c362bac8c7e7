// The emulator console's page: polls the emulator's state and request log (`/__console/api/*`) and
// draws them; its forms call the same controls as `emu.configure()`, `emu.injectFault()`,
// `emu.load()` and `emu.snapshot()`. Plain browser JavaScript, no dependency, no build step.
'use strict';
(() => {
  const $ = (sel) => document.querySelector(sel);
  const API = '/__console/api/';
  let views = [];
  let current = null;
  let drawn = '';
  let logNext = 0;
  const log = [];
  let timer = null;
  let filled = false;

  function el(tag, attrs = {}, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  }

  async function get(path) {
    const res = await fetch(API + path, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  }

  async function post(path, body) {
    const res = await fetch(API + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body === undefined ? null : body),
    });
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(answer.error || `HTTP ${res.status}`);
    return answer;
  }

  function say(text, bad = false) {
    const s = $('#status');
    s.textContent = text;
    s.className = bad ? 'bad' : '';
  }

  // ---- Records -------------------------------------------------------------------------------

  /** A status or operation as the wire has it: a `{ code, codeName }` or a plain string. */
  function code(v) {
    if (v && typeof v === 'object') return { code: String(v.code ?? ''), name: String(v.codeName ?? v.code ?? '') };
    return v === undefined || v === null ? null : { code: String(v), name: String(v) };
  }

  function recordsOf(view, state) {
    const out = [];
    for (const [platform, store] of view.stores) {
      const list = (state[platform] || {})[store] || [];
      list.forEach((rec, at) => out.push({ rec, key: `${platform}.${store}`, at, platform }));
    }
    return out;
  }

  function anchor(view, no) {
    return `rec-${view.kind}-${no}`;
  }

  /** Every record by kind and number, and which fields name a record of another kind. */
  function index(state) {
    const byNo = new Map();
    const idOwners = new Map();
    for (const v of views) {
      if (!v.id) continue;
      if (!idOwners.has(v.id)) idOwners.set(v.id, []);
      idOwners.get(v.id).push(v);
      for (const r of recordsOf(v, state)) byNo.set(`${v.kind}:${r.rec[v.id]}`, { view: v, ...r });
    }
    return { byNo, idOwners };
  }

  /** The records `r` (of `view`) names: its declared parents, and any field named as another kind's number. */
  function linksOf(view, r, idx) {
    const links = [];
    for (const [field, value] of Object.entries(r.rec)) {
      if (field === view.id || value === null || typeof value === 'object' || value === '') continue;
      const parent = view.parents.find(([f]) => f === field);
      // Declared parents, and records of other kinds by their number (look-ups only when declared:
      // every record names its region and zone).
      const kinds = parent ? views.filter((v) => v.kind === parent[1]) : (idx.idOwners.get(field) || []).filter((v) => !v.lookup);
      for (const k of kinds) {
        const target = idx.byNo.get(`${k.kind}:${value}`);
        if (target && target.platform === r.platform) links.push({ field, view: k, no: String(value) });
      }
    }
    return links;
  }

  function pendingText(entry, now, timers) {
    if (!entry || !entry.steps || !entry.steps.length) return null;
    const left = (timers[entry.steps[0].after] ?? 0) - (now - (entry.since ?? now));
    const parts = entry.steps.map((s, i) => {
      const to = s.to || 'rest';
      if (i === 0) return `→ ${to} in ${Math.max(0, left / 1000).toFixed(1)} s`;
      return `→ ${to}`;
    });
    return parts.join(' ');
  }

  function link(view, no, text) {
    const a = el('a', { href: `#${anchor(view, no)}`, text });
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const row = document.getElementById(anchor(view, no));
      if (!row) return;
      for (let d = row.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
      document.querySelectorAll('tr.hl').forEach((t) => t.classList.remove('hl'));
      row.classList.add('hl');
      row.scrollIntoView({ block: 'center' });
      row.querySelector('td').focus();
    });
    return a;
  }

  function drawResources(data) {
    const state = data.state;
    const pending = new Map((state.snapshot?.entries || []).map((e) => [`${e.store}#${e.at}`, e]));
    const idx = index(state);
    const usedBy = new Map();
    const rows = new Map();
    for (const v of views) {
      const list = recordsOf(v, state).map((r) => ({ ...r, links: v.id ? linksOf(v, r, idx) : [] }));
      rows.set(v, list);
      for (const r of list) {
        for (const l of r.links) {
          const key = `${l.view.kind}:${l.no}`;
          if (!usedBy.has(key)) usedBy.set(key, []);
          usedBy.get(key).push({ view: v, no: String(r.rec[v.id]), field: l.field });
        }
      }
    }
    const showEmpty = $('#empty').checked;
    const open = new Set([...document.querySelectorAll('#apis details[open]')].map((d) => d.dataset.api));
    const first = !document.querySelector('details.api');
    const groups = new Map();
    for (const v of views) {
      const name = v.api || `${v.stores[0]?.[0] || ''}-common`;
      const title = v.title || (v.stores[0]?.[0] === 'classic' ? 'Classic (shared look-ups and records)' : 'VPC (shared look-ups and records)');
      if (!groups.has(name)) groups.set(name, { title, views: [] });
      groups.get(name).views.push(v);
    }
    const apis = [];
    for (const [name, g] of groups) {
      const count = (vs) => vs.reduce((n, v) => n + rows.get(v).length, 0);
      const own = g.views.filter((v) => !v.lookup);
      const lookups = g.views.filter((v) => v.lookup);
      const total = count(own);
      const isOpen = first ? total > 0 : open.has(name);
      const d = el('details', { class: 'api', 'data-api': name, open: isOpen },
        el('summary', { text: `${g.title} — ${total} record${total === 1 ? '' : 's'}${lookups.length ? `, ${count(lookups)} look-up rows` : ''}` }));
      for (const v of own) {
        const list = rows.get(v);
        if (list.length || showEmpty) d.append(kindTable(v, list, pending, usedBy, data));
      }
      if (lookups.length) {
        const key = `${name}:lookups`;
        const l = el('details', { class: 'lookups', 'data-api': key, open: open.has(key) },
          el('summary', { text: `Look-ups: ${lookups.map((v) => v.label).join(', ')}` }));
        for (const v of lookups) {
          const list = rows.get(v);
          if (list.length || showEmpty) l.append(kindTable(v, list, pending, usedBy, data));
        }
        d.append(l);
      }
      apis.push(d);
    }
    // The APIs with records first.
    apis.sort((x, y) => Number(y.open) - Number(x.open));
    $('#apis').replaceChildren(...apis);
  }

  /** What names a record whose kind declares no name field: its first name, code or description. */
  function describe(rec) {
    const key = Object.keys(rec).find((k) => /(Name|Description|Code)$/.test(k) && typeof rec[k] === 'string');
    return key ? rec[key] : '';
  }

  function kindTable(v, list, pending, usedBy, data) {
    const head = ['No.', 'Name', 'Status', 'Operation', 'Relations', 'Transition'];
    const t = el('table', { 'data-kind': v.kind },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))));
    const body = el('tbody');
    for (const r of list) {
      const no = v.id ? String(r.rec[v.id] ?? '') : '';
      const status = v.status ? code(r.rec[v.status]) : null;
      const op = v.operation ? code(r.rec[v.operation]) : null;
      const entry = pending.get(`${r.key}#${r.at}`);
      const moving = pendingText(entry, data.now, data.timers);
      const statusName = v.statusName ? r.rec[v.statusName] : null;
      const rels = el('td', {});
      for (const l of r.links) rels.append(el('span', { class: 'rel' }, `${l.field} `, link(l.view, l.no, l.no)));
      for (const u of usedBy.get(`${v.kind}:${no}`) || []) {
        rels.append(el('span', { class: 'rel' }, `← ${u.view.label} `, link(u.view, u.no, u.no)));
      }
      const label = (v.name ? r.rec[v.name] : describe(r.rec)) ?? '';
      body.append(el('tr', {
        id: no ? anchor(v, no) : null, 'data-no': no, 'data-status': status?.code, 'data-operation': op?.code,
      },
      el('td', { class: 'no', tabindex: '-1', text: no || '—' }),
      el('td', { text: String(label) }),
      el('td', {}, status ? el('span', { class: `badge ${moving ? 'busy' : 'ok'}`, title: status.name, text: statusName || status.code }) : '—'),
      el('td', { text: op ? op.code : '—' }),
      rels,
      el('td', { class: 'pending', text: moving || '' })));
    }
    const what = `${v.kind} (${v.label})`;
    return el('div', { class: 'kind' },
      el('h3', {}, what, ' ', el('span', { class: 'count', text: `${list.length}` })),
      el('div', { class: 'scroll' }, t.appendChild(body) && t));
  }

  // ---- Request log ---------------------------------------------------------------------------

  function drawLog() {
    const words = $('#filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = [];
    for (let i = log.length - 1; i >= 0 && shown.length < 500; i--) {
      const e = log[i];
      const text = `${e.method} ${e.action || ''} ${e.status} ${e.path} ${e.signature || ''} ${e.format} ${e.reason || ''} ${e.chaos || ''}`.toLowerCase();
      if (words.every((w) => text.includes(w))) shown.push(e);
    }
    const rows = shown.map((e) => {
      const t = new Date(e.time);
      const time = `${t.toLocaleTimeString([], { hour12: false })}.${String(t.getMilliseconds()).padStart(3, '0')}`;
      return el('tr', { 'data-action': e.action || '', 'data-status': e.status },
        el('td', { class: 'time', text: time }),
        el('td', { text: e.method }),
        el('td', { text: e.action || e.path }),
        el('td', { class: `s-${String(e.status)[0]}`, text: String(e.status) + (e.chaos ? ` (chaos ${e.chaos})` : '') }),
        el('td', { class: 'no', text: (e.durationMs ?? 0).toFixed(1) }),
        el('td', { text: e.signature || '—' }),
        el('td', { text: e.format }),
        el('td', { text: e.reason || '' }));
    });
    $('#log tbody').replaceChildren(...rows);
    $('#shown').textContent = `${shown.length} of ${log.length} shown`;
  }

  // ---- Controls ------------------------------------------------------------------------------

  function fill(settings) {
    for (const input of $('#settings').querySelectorAll('input')) {
      const [a, b] = input.name.split('.');
      const v = b ? (settings[a] || {})[b] : settings[a];
      input.value = v === undefined || v === null ? '' : String(v);
    }
  }

  function numbers(form) {
    const out = {};
    for (const input of form.querySelectorAll('input')) {
      if (input.value.trim() === '') continue;
      const v = input.type === 'number' ? Number(input.value) : input.value.trim();
      const [a, b] = input.name.split('.');
      if (b) (out[a] = out[a] || {})[b] = v;
      else out[a] = v;
    }
    return out;
  }

  async function act(what, path, body) {
    try {
      await post(path, body);
      say(what);
      filled = false;
      await refresh();
    } catch (err) {
      say(`${what.split(':')[0]} failed: ${err.message}`, true);
    }
  }

  $('#settings').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('Settings applied.', 'settings', numbers(ev.target));
  });
  $('#fault').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = numbers(ev.target);
    act(`Fault armed: the next ${f.action || 'API'} call gets HTTP ${f.status ?? 500}.`, 'fault', f);
  });
  $('#save').addEventListener('click', () => act('Saved point taken.', 'save'));
  $('#restore').addEventListener('click', () => act('Back to the saved point.', 'restore'));
  $('#reset').addEventListener('click', () => act('Reset to the default state.', 'reset'));
  $('#upload').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (err) {
      say(`Upload failed: ${file.name} is not JSON (${err.message})`, true);
      return;
    }
    ev.target.value = '';
    await act(`State loaded from ${file.name}.`, 'load', doc);
  });
  $('#filter').addEventListener('input', drawLog);
  $('#empty').addEventListener('change', () => { drawn = ''; draw(); });
  $('#every').addEventListener('change', () => schedule());
  document.addEventListener('keydown', (ev) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName || '');
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      $('#filter').focus();
    } else if (ev.key === 'Escape' && document.activeElement === $('#filter')) {
      $('#filter').value = '';
      drawLog();
    }
  });

  // ---- Polling -------------------------------------------------------------------------------

  function draw() {
    if (!current) return;
    const key = JSON.stringify([current.state, $('#empty').checked]);
    const moving = (current.state.snapshot?.entries || []).some((e) => e.steps && e.steps.length);
    if (key !== drawn || moving) {
      drawn = key;
      drawResources(current);
    }
  }

  async function refresh() {
    try {
      const [data, more] = await Promise.all([get('state'), get(`log?after=${logNext}`)]);
      current = data;
      log.push(...more.entries);
      if (log.length > 2000) log.splice(0, log.length - 2000);
      logNext = more.next;
      const s = data.stats;
      $('#summary').textContent = `site ${data.site} · ${s.requests} requests · ${s.chaosErrors + s.chaosResets} chaos faults · ${data.faults} injected fault(s) waiting · updated ${new Date(data.now).toLocaleTimeString([], { hour12: false })}`;
      $('#restore').disabled = !data.saved;
      if (!filled) {
        fill(data.settings);
        filled = true;
      }
      draw();
      if (more.entries.length) drawLog();
    } catch (err) {
      $('#summary').textContent = `The emulator does not answer (${err.message}).`;
    }
  }

  function schedule() {
    clearTimeout(timer);
    const every = Number($('#every').value);
    if (every > 0) timer = setTimeout(async () => { await refresh(); schedule(); }, every);
  }

  (async () => {
    try {
      views = (await get('model')).views;
    } catch (err) {
      $('#summary').textContent = `The emulator does not answer (${err.message}).`;
      return;
    }
    await refresh();
    drawLog();
    schedule();
  })();
})();
