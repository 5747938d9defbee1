'use strict';

// Each range is a number of whole buckets (UTC), the current one included: no chart starts with a partial bucket,
// and the month's figures are read from whole day and month documents.
const RANGES = {
  hour: { buckets: 60, bucketMs: 60e3, granularity: 'MINUTE' },
  day: { buckets: 24, bucketMs: 3600e3, granularity: 'HOUR' },
  month: { buckets: 30, bucketMs: 24 * 3600e3, granularity: 'DAY' },
};

function rangeStart(range, now) {
  return new Date((Math.floor(now / range.bucketMs) - (range.buckets - 1)) * range.bucketMs);
}

const state = { overview: null, reportingCurrency: 'USD', currency: null, charts: {}, rangeChosen: false, filledBuckets: 0, outlook: null };

function digitsOf(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch (e) {
    return 2;
  }
}

function money(minor, currency) {
  const major = minor / Math.pow(10, digitsOf(currency));
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(major);
}

function percent(ratio) {
  return (ratio * 100).toFixed(1) + '%';
}

function setText(id, text) {
  document.getElementById(id).textContent = text;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(path + ' answered ' + response.status);
  }
  return response.json();
}

function showFreshness(freshness) {
  const element = document.getElementById('freshness');
  element.classList.add('live');
  element.textContent = 'live · position ' + freshness.position + ' · lag ' + freshness.lagMs + ' ms';
}

function showOverview(overview) {
  state.overview = overview;
  state.reportingCurrency = overview.reportingCurrency;
  const combined = overview.combined;
  const currency = overview.reportingCurrency;
  setText('kpi-orders', combined.orders.toLocaleString());
  setText('kpi-gmv', money(combined.gmv, currency));
  setText('kpi-net', money(combined.netRevenue, currency));
  setText('kpi-aov', money(combined.averageOrderValue, currency));
  setText('kpi-declines', percent(combined.declineRate));
  setText('kpi-refunds', percent(combined.refundRate));
  setText('kpi-cancellations', percent(combined.cancellationRate));
  setText('kpi-alerts', combined.openAlerts.toLocaleString());
  setText('kpi-risk', money(combined.moneyAtRisk, currency));
  showFreshness(overview.freshness);
  const select = document.getElementById('currency');
  const currencies = Object.keys(overview.currencies);
  if (select.options.length !== currencies.length) {
    select.innerHTML = '';
    currencies.forEach((code) => select.add(new Option(code, code)));
    state.currency = currencies.includes(state.currency) ? state.currency
      : (currencies.includes(currency) ? currency : currencies[0]);
    select.value = state.currency || '';
  }
}

function chart(id, type, data, options) {
  if (state.charts[id]) {
    state.charts[id].data = data;
    state.charts[id].update('none');
    return;
  }
  state.charts[id] = new Chart(document.getElementById(id), {
    type, data,
    options: Object.assign({ responsive: true, animation: false, plugins: { legend: { labels: { color: '#cbd5e1' } } },
      scales: type === 'doughnut' ? {} : { x: { ticks: { color: '#94a3b8' } }, y: { ticks: { color: '#94a3b8' } } } },
      options || {}),
  });
}

function totalsBy(items, key) {
  const totals = {};
  items.forEach((item) => {
    const name = item.group[key] || 'other';
    totals[name] = totals[name] || { orders: 0, gmv: 0 };
    totals[name].orders += item.figures.orders;
    totals[name].gmv += item.figures.gmv;
  });
  return totals;
}

async function refreshCharts() {
  const currency = state.currency;
  if (!currency) {
    return;
  }
  const range = RANGES[document.getElementById('range').value];
  const from = rangeStart(range, Date.now()).toISOString();
  const base = '/api/v1/insights/sales?currency=' + currency + '&from=' + encodeURIComponent(from);
  const [series, channels, countries, sellers] = await Promise.all([
    getJson(base + '&granularity=' + range.granularity),
    getJson(base + '&granularity=TOTAL&groupBy=channel'),
    getJson(base + '&granularity=TOTAL&groupBy=country'),
    getJson(base + '&granularity=TOTAL&groupBy=seller'),
  ]);
  state.filledBuckets = series.items.length;
  const digits = Math.pow(10, digitsOf(currency));
  // every bucket of the range, empty ones at zero, then (by hour) the forecast's next hours
  const start = rangeStart(range, Date.now()).getTime();
  const buckets = Array.from({ length: range.buckets }, (_, i) => start + i * range.bucketMs);
  const byBucket = new Map(series.items.map((item) => [new Date(item.bucket).getTime(), item.figures]));
  const figures = buckets.map((at) => byBucket.get(at) || { gmv: 0, refunded: 0, orders: 0 });
  const outlook = state.outlook && state.outlook.currency === currency ? state.outlook : { forecast: null, anomalies: [] };
  const forecast = range.granularity === 'HOUR' ? outlook.forecast : null;
  const ahead = forecast ? forecast.points.filter((p) => new Date(p.bucket).getTime() > buckets[buckets.length - 1]) : [];
  const labels = buckets.concat(ahead.map((p) => new Date(p.bucket).getTime())).map((at) => new Date(at).toLocaleString());
  const pad = (values, before, after) => Array(before).fill(null).concat(values, Array(after).fill(null));
  const span = Math.max(range.bucketMs, 3600e3);
  const anomalies = new Set(buckets.filter((start) => outlook.anomalies.some((at) => at >= start && at < start + span)));
  chart('series', 'line', {
    labels,
    datasets: [
      { label: 'GMV (' + currency + ')', data: pad(figures.map((f) => f.gmv / digits), 0, ahead.length), borderColor: '#38bdf8', yAxisID: 'y' },
      { label: 'Refunded (' + currency + ')', data: pad(figures.map((f) => f.refunded / digits), 0, ahead.length), borderColor: '#f97316', yAxisID: 'y' },
      { label: 'Orders', data: pad(figures.map((f) => f.orders), 0, ahead.length), borderColor: '#a3e635', yAxisID: 'orders' },
      { label: 'GMV forecast', data: pad(ahead.map((p) => p.forecast / digits), buckets.length, 0), borderColor: '#38bdf8', borderDash: [6, 4], yAxisID: 'y' },
      { label: '95% band', data: pad(ahead.map((p) => p.upper95 / digits), buckets.length, 0), borderColor: 'rgba(56,189,248,0.25)', backgroundColor: 'rgba(56,189,248,0.15)', fill: '+1', pointRadius: 0, yAxisID: 'y' },
      { label: '95% band (lower)', data: pad(ahead.map((p) => p.lower95 / digits), buckets.length, 0), borderColor: 'rgba(56,189,248,0.25)', pointRadius: 0, yAxisID: 'y' },
      { label: 'Anomaly', data: pad(buckets.map((at, i) => (anomalies.has(at) ? figures[i].gmv / digits : null)), 0, ahead.length), showLine: false, pointStyle: 'triangle', pointRadius: 8, borderColor: '#ef4444', backgroundColor: '#ef4444', yAxisID: 'y' },
    ],
  }, { scales: { y: { position: 'left', ticks: { color: '#94a3b8' } }, orders: { position: 'right', ticks: { color: '#94a3b8' } },
    x: { ticks: { color: '#94a3b8' } } }, plugins: { legend: { labels: { color: '#cbd5e1', filter: (item) => !item.text.includes('(lower)') } } } });
  state.anomalies = anomalies.size;
  const byChannel = totalsBy(channels.items, 'channel');
  chart('channels', 'doughnut', { labels: Object.keys(byChannel),
    datasets: [{ data: Object.values(byChannel).map((t) => t.gmv / digits),
      backgroundColor: ['#38bdf8', '#a78bfa', '#f472b6', '#facc15', '#34d399'] }] });
  const byCountry = totalsBy(countries.items, 'country');
  chart('countries', 'bar', { labels: Object.keys(byCountry),
    datasets: [{ label: 'GMV (' + currency + ')', data: Object.values(byCountry).map((t) => t.gmv / digits), backgroundColor: '#38bdf8' }] });
  const bySeller = Object.entries(totalsBy(sellers.items, 'seller')).sort((a, b) => b[1].gmv - a[1].gmv).slice(0, 10);
  const body = document.querySelector('#sellers tbody');
  body.innerHTML = '';
  const breaches = await Promise.all(bySeller.map(([seller]) => breachIn(seller, currency)));
  bySeller.forEach(([seller, totals], i) => {
    const row = body.insertRow();
    row.insertCell().textContent = seller;
    row.insertCell().textContent = totals.orders.toLocaleString();
    row.insertCell().textContent = money(totals.gmv, currency);
    const breach = row.insertCell();
    breach.className = 'breach';
    breach.textContent = breaches[i].text;
    breach.title = breaches[i].title;
  });
}

// the nearest breach of a card network's programme at the seller's pace this month: "now", "N d", or "—" for none
async function breachIn(seller, currency) {
  const kpis = await getJson('/api/v1/insights/sellers/' + encodeURIComponent(seller));
  const radar = ((kpis.currencies || {})[currency] || {}).breachRadar || [];
  const days = radar.map((p) => p.daysUntilBreach).filter((d) => d !== undefined && d !== null);
  const nearest = days.length === 0 ? null : Math.min(...days);
  return {
    text: nearest === null ? '—' : nearest === 0 ? 'now' : nearest + ' d',
    title: radar.map((p) => p.programme + ': ' + p.status).join(' · '),
  };
}

// the GMV forecast of the next hours, or null with the reason shown beneath the chart
async function forecastOf(currency) {
  const note = document.getElementById('forecast-note');
  const forecast = await getJson('/api/v1/insights/forecast?metric=gmv&granularity=HOUR&horizon=6&currency=' + currency);
  if (forecast.reason) {
    note.textContent = 'Forecast: ' + forecast.reason;
    return null;
  }
  const model = forecast.model;
  note.textContent = 'Forecast: ' + model.name + ' fitted on ' + model.observations + ' hours, error on the last day '
    + (model.holdoutWape === undefined ? 'n/a' : percent(model.holdoutWape)) + ' (seasonal naive '
    + (model.seasonalNaiveWape === undefined ? 'n/a' : percent(model.seasonalNaiveWape)) + ')';
  return forecast;
}

// the hours (start, ms) in which an anomaly rule alerted on this currency's market
async function anomalyHours(currency) {
  const rules = ['anomaly-gmv-drop', 'anomaly-orders-drop', 'anomaly-decline-rate', 'anomaly-refund-rate'];
  const pages = await Promise.all(rules.map((rule) => getJson('/api/v1/alerts?size=50&rule=' + rule)));
  return pages.flatMap((page) => page.items || [])
    .filter((alert) => alert.subjectType === 'MARKET' && alert.subjectId === currency && alert.anomaly)
    .map((alert) => new Date(alert.anomaly.hour).getTime());
}

// the forecast and the anomaly hours behind the series: asked for every 15 s and when the range or the currency
// changes, not on every live update of the overview, which redraws the series from what is kept here
async function refreshOutlook() {
  const currency = state.currency;
  if (!currency) {
    return;
  }
  const hourly = RANGES[document.getElementById('range').value].granularity === 'HOUR';
  const [forecast, anomalies] = await Promise.all([hourly ? forecastOf(currency) : null, anomalyHours(currency)]);
  state.outlook = { currency, forecast, anomalies };
}

// the change of a metric against the same window a day or a week earlier, split over the members of a dimension
async function refreshChange() {
  const currency = state.currency;
  if (!currency) {
    return;
  }
  const range = RANGES[document.getElementById('range').value];
  const metric = document.getElementById('change-metric').value;
  const by = document.getElementById('change-by').value;
  const shift = document.getElementById('change-against').value === 'week' ? 7 * 86400e3 : 86400e3;
  const from = rangeStart(range, Date.now()).getTime();
  const to = Math.ceil(Date.now() / 60e3) * 60e3;
  const iso = (ms) => encodeURIComponent(new Date(ms).toISOString());
  const answer = await getJson('/api/v1/insights/attribution?metric=' + metric + '&by=' + by + '&currency=' + currency
    + '&from=' + iso(from) + '&to=' + iso(to) + '&baselineFrom=' + iso(from - shift) + '&baselineTo=' + iso(to - shift) + '&top=8');
  const change = (answer.currencies || {})[currency];
  const summary = document.getElementById('change-summary');
  const rate = answer.kind === 'RATE';
  const scale = rate ? 100 : answer.kind === 'MONEY' ? 1 / Math.pow(10, digitsOf(currency)) : 1;
  const show = (value) => (rate ? (value * 100).toFixed(2) + '%' : answer.kind === 'MONEY' ? money(value, currency) : Math.round(value).toLocaleString());
  if (!change || change.undefined) {
    summary.textContent = change ? change.undefined : 'no figures in either window';
    chart('waterfall', 'bar', { labels: [], datasets: [{ data: [] }] }, { plugins: { legend: { display: false } } });
    state.waterfallBars = 0;
    return;
  }
  const parts = change.contributions.concat(change.other ? [Object.assign({ member: { [by]: 'other (' + change.other.members + ')' } }, change.other)] : []);
  const name = (part) => Object.values(part.member).join(' × ');
  let labels;
  let bars;
  let colors;
  if (answer.additive) {
    summary.textContent = answer.definition + ': ' + show(change.baseline) + ' → ' + show(change.value) + ' ('
      + (change.change >= 0 ? '+' : '') + show(change.change) + ')';
    let level = change.baseline * scale;
    labels = ['before'].concat(parts.map(name), ['now']);
    bars = [[0, level]];
    colors = ['#64748b'];
    parts.forEach((part) => {
      const next = level + part.change * scale;
      bars.push([level, next]);
      colors.push(part.change >= 0 ? '#22c55e' : '#ef4444');
      level = next;
    });
    bars.push([0, change.value * scale]);
    colors.push('#64748b');
  } else {
    summary.textContent = answer.definition + ' by ' + by + ': categories overlap, each shown on its own';
    labels = parts.map(name);
    bars = parts.map((part) => [0, (part.change || 0) * scale]);
    colors = parts.map((part) => ((part.change || 0) >= 0 ? '#22c55e' : '#ef4444'));
  }
  state.waterfallBars = bars.length;
  chart('waterfall', 'bar', { labels, datasets: [{ label: answer.metric, data: bars, backgroundColor: colors }] },
    { plugins: { legend: { display: false } } });
}

function alertItem(alert) {
  const item = document.createElement('li');
  item.className = 'alert';
  const when = new Date(alert.raisedAt).toLocaleTimeString();
  const risk = alert.moneyAtRisk ? ' · ' + money(alert.moneyAtRisk, alert.currency) + ' at risk' : '';
  item.innerHTML = '<span class="rule"></span> <span class="subject"></span><div class="detail muted"></div>';
  item.querySelector('.rule').textContent = alert.ruleId + ' v' + alert.ruleVersion;
  item.querySelector('.subject').textContent = alert.subjectType.toLowerCase() + ' ' + alert.subjectId + ' · ' + alert.action + risk;
  item.querySelector('.detail').textContent = when + ' · ' + alert.detail;
  item.title = 'evidence: ' + (alert.evidence || []).join(', ');
  return item;
}

function prependAlert(alert) {
  const list = document.getElementById('alerts');
  const empty = list.querySelector('.muted:only-child');
  if (empty) {
    list.innerHTML = '';
  }
  list.prepend(alertItem(alert));
  while (list.children.length > 12) {
    list.lastElementChild.remove();
  }
}

async function refreshRisk() {
  const [alerts, rules, losses] = await Promise.all([
    getJson('/api/v1/alerts?status=OPEN&size=12'),
    getJson('/api/v1/risk/rules'),
    getJson('/api/v1/insights/losses?groupBy=cause'),
  ]);
  const list = document.getElementById('alerts');
  list.innerHTML = '';
  if (alerts.items.length === 0) {
    list.innerHTML = '<li class="muted">No open alerts.</li>';
  }
  alerts.items.slice().reverse().forEach(prependAlert);
  const ruleRows = document.querySelector('#rules tbody');
  ruleRows.innerHTML = '';
  rules.items.forEach((rule) => {
    const row = ruleRows.insertRow();
    row.insertCell().textContent = rule.ruleId + (rule.enabled ? '' : ' (off)');
    row.title = Object.entries(rule.thresholds || {}).map(([k, v]) => k + '=' + v).join(', ');
    row.insertCell().textContent = rule.version;
    row.insertCell().textContent = rule.fired;
    row.insertCell().textContent = rule.open;
    row.insertCell().textContent = rule.confirmed;
    row.insertCell().textContent = rule.falsePositives;
    row.insertCell().textContent = rule.precision === null || rule.precision === undefined ? '–' : percent(rule.precision);
  });
  const lossRows = document.querySelector('#losses tbody');
  lossRows.innerHTML = '';
  losses.items.filter((line) => !state.currency || line.currency === state.currency).forEach((line) => {
    const row = lossRows.insertRow();
    row.insertCell().textContent = line.group.cause;
    row.insertCell().textContent = money(line.atRisk, line.currency);
    row.insertCell().textContent = money(line.realized, line.currency);
  });
}

/** Each projection's live generation, and the progress of a blue/green rebuild while one runs (ADMIN keys only). */
async function refreshProjections() {
  const response = await fetch('/api/v1/admin/projections', { headers: { Accept: 'application/json' } });
  const panel = document.getElementById('projections').closest('section');
  panel.hidden = response.status === 403;
  if (!response.ok) {
    if (response.status === 403) {
      return;
    }
    throw new Error('/api/v1/admin/projections answered ' + response.status);
  }
  const projections = await response.json();
  const rows = document.querySelector('#projections tbody');
  rows.innerHTML = '';
  projections.items.forEach((projection) => {
    const row = rows.insertRow();
    row.insertCell().textContent = projection.name;
    row.insertCell().textContent = projection.generation;
    row.insertCell().textContent = projection.status;
    row.insertCell().textContent = (projection.lagMs / 1000).toFixed(1) + ' s';
    const rebuild = projection.rebuild;
    const cell = row.insertCell();
    if (rebuild) {
      const done = rebuild.head <= 0 ? 1 : Math.max(rebuild.position + 1, 0) / (rebuild.head + 1);
      cell.innerHTML = '<progress max="1"></progress> ';
      cell.querySelector('progress').value = done;
      cell.append('generation ' + rebuild.generation + ': ' + percent(done));
      cell.className = 'rebuilding';
    } else {
      cell.textContent = '–';
    }
  });
}

/**
 * The charts the first time: when the last 24 hours hold figures in at most two of their hours (a system that has just
 * started), the last hour minute by minute shows more than one or two dots, so the range starts there unless chosen.
 */
async function firstCharts() {
  await refreshOutlook();
  await refreshCharts();
  const range = document.getElementById('range');
  if (!state.rangeChosen && range.value === 'day' && state.filledBuckets <= 2) {
    range.value = 'hour';
    await refreshOutlook();
    await refreshCharts();
  }
}

/** The series with its outlook, and the change panel: after a change of range or currency. */
function redraw() {
  refreshOutlook()
    .then(() => Promise.all([refreshCharts(), refreshChange()]))
    .catch(showError);
}

function showError(error) {
  console.error(error);
  const element = document.getElementById('freshness');
  element.classList.remove('live');
  element.textContent = 'update failed: ' + error.message;
}

function connect() {
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('overview', (event) => {
    showOverview(JSON.parse(event.data));
    refreshCharts().catch(showError);
  });
  source.addEventListener('alert', (event) => {
    prependAlert(JSON.parse(event.data));
    refreshRisk().catch(showError);
  });
  source.onerror = () => {
    document.getElementById('freshness').classList.remove('live');
    document.getElementById('freshness').textContent = 'reconnecting…';
  };
}

/** Whether the node takes commands: "read-only since …" in the header while no writable primary is there. */
async function refreshStatus() {
  const status = await getJson('/api/v1/status');
  const banner = document.getElementById('read-only');
  if (status.commands === 'READ_ONLY') {
    banner.textContent = 'read-only since ' + new Date(status.readOnlySince).toLocaleString();
    banner.title = status.reason + ' — commands are refused (503 READ_ONLY), the figures are those stored';
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

function start(session) {
  document.getElementById('signin').hidden = true;
  document.querySelector('main').hidden = false;
  setText('caller', session.caller);
  document.getElementById('signout').hidden = false;
  // the projections panel is the admin API's: only keys with the ADMIN role see it, and only they poll it
  const admin = (session.roles || []).includes('ADMIN');
  document.getElementById('projections').closest('section').hidden = !admin;
  getJson('/api/v1/insights/overview').then((overview) => {
    showOverview(overview);
    return Promise.all([firstCharts().then(refreshChange), refreshRisk(), admin ? refreshProjections() : null]);
  }).catch(showError);
  connect();
  refreshStatus().catch(showError);
  setInterval(() => refreshStatus().catch(showError), 5000);
  if (admin) {
    setInterval(() => refreshProjections().catch(showError), 2000);
  }
  setInterval(() => Promise.all([refreshOutlook().then(refreshCharts), refreshRisk(), refreshChange()]).catch(showError), 15000);
}

/** The key is exchanged once for an HttpOnly session cookie: the page never keeps it. */
async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('key');
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { Accept: 'application/json', Authorization: 'Bearer ' + input.value.trim() },
  });
  input.value = '';
  if (!response.ok) {
    setText('signin-error', response.status === 401 ? 'That key was not accepted.' : 'Sign-in failed (' + response.status + ').');
    return;
  }
  start(await response.json());
}

async function signOut() {
  await fetch('/api/v1/session', { method: 'DELETE' });
  window.location.reload();
}

document.getElementById('range').addEventListener('change', () => {
  state.rangeChosen = true;
  redraw();
});
['change-metric', 'change-by', 'change-against'].forEach((id) =>
  document.getElementById(id).addEventListener('change', () => refreshChange().catch(showError)));
document.getElementById('currency').addEventListener('change', (event) => {
  state.currency = event.target.value;
  redraw();
});
document.getElementById('signin').addEventListener('submit', (event) => signIn(event).catch(showError));
document.getElementById('signout').addEventListener('click', () => signOut().catch(showError));
fetch('/api/v1/session', { headers: { Accept: 'application/json' } }).then(async (response) => {
  if (response.ok) {
    start(await response.json());
  } else {
    document.querySelector('main').hidden = true;
    document.getElementById('signin').hidden = false;
    setText('freshness', 'signed out');
  }
}).catch(showError);
