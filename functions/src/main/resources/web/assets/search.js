// The newsindex search page: plain JavaScript over the same-origin API (see /openapi.json).
// State lives in the URL (?q=&kind=&source=&from=&to=&sort=&doc=), so every view can be linked and the
// browser's back button works. Only `snippet` fields are inserted as HTML: the API escapes them and
// marks matches with <em>. Everything else is inserted as text.
(function () {
  'use strict';

  const PAGE_SIZE = 10;
  const SUGGESTIONS = 8;
  const KINDS = ['article', 'headline'];
  const KIND_LABELS = { article: 'Article', headline: 'Headline' };
  const SORTS = ['newest', 'oldest'];
  const RELATED = 5;
  const DAY = 24 * 60 * 60 * 1000;
  /** Quick choices of the date filter: date math the API resolves (see /openapi.json, `from`). */
  const DATE_CHOICES = [
    { label: 'Any time', from: '' },
    { label: 'Past 24 hours', from: 'now-24h' },
    { label: 'Past week', from: 'now-7d' },
    { label: 'Past month', from: 'now-1M' },
    { label: 'Past year', from: 'now-1y' },
  ];

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), input: $('q'), suggestions: $('suggestions'),
    filters: $('filters'), kindFacet: $('kind-facet'), sourceFacet: $('source-facet'),
    dateChoices: $('date-choices'), dateRange: $('date-range'), fromDate: $('from-date'), toDate: $('to-date'),
    timeline: $('timeline'), timelineTitle: $('timeline-title'), timelineBars: $('timeline-bars'),
    timelineAxis: $('timeline-axis'), timelineClear: $('timeline-clear'),
    toolbar: $('toolbar'), summary: $('summary'), sortControl: $('sort-control'), sort: $('sort'),
    chips: $('active-filters'), error: $('error'), notes: $('notes'), results: $('results'),
    empty: $('empty'), more: $('more'), doc: $('document'), indexSize: $('index-size'),
  };
  const numbers = new Intl.NumberFormat();
  const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // Publication times, and the timeline's buckets, are in UTC.
  const utcDates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
  const utcTimes = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

  // ---- The API -----------------------------------------------------------------------------

  /** An error the API answered with (or a failure to reach it), with a message for people. */
  class ApiError extends Error {
    constructor(message, code, status) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  /** GET an API path with query parameters (arrays repeat the parameter); resolves to the JSON body. */
  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params || {})) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v !== undefined && v !== null && v !== '') query.append(name, v);
      }
    }
    const url = path + (query.toString() ? '?' + query : '');
    let response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' } });
    } catch (e) {
      throw new ApiError('The search service could not be reached. Check your connection and try again.', 'network', 0);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // Not JSON: reported below by status.
    }
    if (!response.ok) {
      const error = body && body.error;
      const message = (error && error.message) || (body && body.message) || 'The service answered ' + response.status + '.';
      throw new ApiError(message, (error && error.code) || 'http_' + response.status, response.status);
    }
    if (body === null) throw new ApiError('The service sent an answer that is not JSON.', 'bad_response', response.status);
    return body;
  }

  // ---- Small DOM helpers (text only; HTML only through setSnippet) ----------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Inserts a snippet: HTML escaped by the API, with matching words in <em>. */
  function setSnippet(node, html) {
    node.innerHTML = html;
    return node;
  }

  function formatDate(iso) {
    // Dates carry nanoseconds; Date parses milliseconds.
    const date = new Date(String(iso).replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(date) ? String(iso) : dates.format(date);
  }

  /** A publication time: the date, and the time of day unless it is midnight, in UTC. */
  function formatPublished(iso) {
    const ms = Date.parse(iso);
    if (isNaN(ms)) return String(iso);
    return ms % DAY === 0 ? utcDates.format(ms) : utcTimes.format(ms) + ' UTC';
  }

  function plural(n, one, many) {
    return numbers.format(n) + ' ' + (n === 1 ? one : many);
  }

  // ---- Publication time: the page's side of the API's from/to ---------------------------------

  const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const DATE_MATH = /^now((?:[+-]\d+[yMwdhms])*)(?:\/([yMwdhms]))?$/;

  function isoDate(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** A date moved by n units (y M w d h m s), in UTC, as the API's date math moves it. */
  function addUnits(ms, n, unit) {
    const d = new Date(ms);
    if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
    else if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + n);
    else if (unit === 'w') d.setUTCDate(d.getUTCDate() + 7 * n);
    else if (unit === 'd') d.setUTCDate(d.getUTCDate() + n);
    else if (unit === 'h') d.setUTCHours(d.getUTCHours() + n);
    else if (unit === 'm') d.setUTCMinutes(d.getUTCMinutes() + n);
    else d.setUTCSeconds(d.getUTCSeconds() + n);
    return d.getTime();
  }

  /** The start of the UTC year, month, week (from Monday), day, hour, minute or second. */
  function roundDown(ms, unit) {
    const d = new Date(ms);
    d.setUTCMilliseconds(0);
    if (unit === 's') return d.getTime();
    d.setUTCSeconds(0);
    if (unit === 'm') return d.getTime();
    d.setUTCMinutes(0);
    if (unit === 'h') return d.getTime();
    d.setUTCHours(0);
    if (unit === 'd') return d.getTime();
    if (unit === 'w') return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
    d.setUTCDate(1);
    if (unit === 'M') return d.getTime();
    d.setUTCMonth(0);
    return d.getTime();
  }

  /** A from/to value as milliseconds (a date, an instant or date math), or null if unreadable. */
  function parseTime(text, now) {
    if (PLAIN_DATE.test(text)) return Date.parse(text + 'T00:00:00Z');
    const math = DATE_MATH.exec(text);
    if (math) {
      let ms = now;
      for (const [, sign, n, unit] of math[1].matchAll(/([+-])(\d+)([yMwdhms])/g)) {
        ms = addUnits(ms, (sign === '-' ? -1 : 1) * Number(n), unit);
      }
      return math[2] ? roundDown(ms, math[2]) : ms;
    }
    const ms = Date.parse(text);
    return isNaN(ms) ? null : ms;
  }

  /** The period the date filter shows, in milliseconds; null where it is open. */
  function shownRange(state) {
    const now = Date.now();
    return { from: state.from ? parseTime(state.from, now) : null, to: state.to ? parseTime(state.to, now) : null };
  }

  /** Bars fine enough to see the period: days up to about six weeks, weeks up to a year, else months. */
  function histogramInterval(range) {
    if (range.from === null) return 'month';
    const span = (range.to === null ? Date.now() : range.to) - range.from;
    return span <= 45 * DAY ? 'day' : span <= 370 * DAY ? 'week' : 'month';
  }

  const INTERVAL_UNITS = { day: 'd', week: 'w', month: 'M' };

  function bucketEnd(start, interval) {
    return addUnits(start, 1, INTERVAL_UNITS[interval]);
  }

  /** About how many buckets lie from one start to another (enough to tell a long period). */
  function bucketCount(first, last, interval) {
    const size = { day: DAY, week: 7 * DAY, month: 30 * DAY }[interval];
    return Math.floor((last - first) / size) + 1;
  }

  function bucketLabel(start, interval) {
    if (interval === 'month') return isoDate(start).slice(0, 7);
    if (interval === 'week') return 'Week of ' + isoDate(start);
    return isoDate(start);
  }

  /** The date filter in words, for its chip: a quick choice's name, a day, a month or a range. */
  function dateFilterLabel(state) {
    const choice = DATE_CHOICES.find((c) => c.from && c.from === state.from && !state.to);
    if (choice) return choice.label;
    if (PLAIN_DATE.test(state.from) && PLAIN_DATE.test(state.to)) {
      const from = Date.parse(state.from + 'T00:00:00Z');
      const to = Date.parse(state.to + 'T00:00:00Z');
      if (to === from + DAY) return state.from;
      if (state.from.endsWith('-01') && to === addUnits(from, 1, 'M')) return state.from.slice(0, 7);
      return state.from + ' – ' + isoDate(to - DAY);
    }
    const parts = [];
    if (state.from) parts.push('from ' + state.from);
    if (state.to) parts.push(PLAIN_DATE.test(state.to) ? 'to ' + isoDate(Date.parse(state.to) - DAY) : 'before ' + state.to);
    return parts.join(' ');
  }

  // ---- State in the URL ---------------------------------------------------------------------

  function readState() {
    const p = new URLSearchParams(location.search);
    const kinds = p.getAll('kind').flatMap((k) => k.split(',')).map((k) => k.trim()).filter((k) => KINDS.includes(k));
    return {
      q: (p.get('q') || '').trim(),
      kinds: [...new Set(kinds)],
      source: p.get('source') || '',
      from: (p.get('from') || '').trim(),
      to: (p.get('to') || '').trim(),
      sort: SORTS.includes(p.get('sort')) ? p.get('sort') : '',
      doc: p.get('doc') || '',
    };
  }

  function stateUrl(state) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    state.kinds.forEach((k) => p.append('kind', k));
    if (state.source) p.set('source', state.source);
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
    if (state.sort) p.set('sort', state.sort);
    if (state.doc) p.set('doc', state.doc);
    const query = p.toString();
    return location.pathname + (query ? '?' + query : '');
  }

  function navigate(changes) {
    const next = Object.assign(readState(), { doc: '' }, changes);
    history.pushState({ fromPage: true }, '', stateUrl(next));
    render();
  }

  // ---- Views --------------------------------------------------------------------------------

  let current = { token: 0, cursor: null, params: null, shown: 0 };

  function setBusy(busy) {
    document.body.classList.toggle('busy', busy);
    ui.results.setAttribute('aria-busy', String(busy));
  }

  function showError(error) {
    ui.error.replaceChildren(
      el('strong', null, error.status >= 500 || error.status === 0 ? 'Something went wrong. ' : 'That search did not work. '),
      el('span', { class: 'error-message' }, error.message));
    ui.error.hidden = false;
  }

  function clearMessages() {
    ui.error.hidden = true;
    ui.error.replaceChildren();
    ui.notes.hidden = true;
    ui.notes.replaceChildren();
    ui.empty.hidden = true;
    ui.empty.replaceChildren();
  }

  function render() {
    const state = readState();
    ui.input.value = state.q;
    closeSuggestions();
    if (state.doc) {
      showDocument(state);
    } else {
      search(state);
    }
  }

  async function search(state) {
    const token = ++current.token;
    document.title = state.q ? state.q + ' · newsindex' : 'newsindex';
    ui.doc.hidden = true;
    ui.filters.hidden = false;
    ui.toolbar.hidden = false;
    clearMessages();
    renderChips(state);
    syncKindBoxes(state);
    syncDateControls(state);
    syncSort(state);
    const range = shownRange(state);
    const interval = histogramInterval(range);
    const params = {
      q: state.q, kind: state.kinds, source: state.source, from: state.from, to: state.to, sort: state.sort,
      limit: PAGE_SIZE,
    };
    setBusy(true);
    try {
      const page = await api('search', Object.assign({ histogram: interval }, params));
      if (token !== current.token) return;
      current = { token, cursor: page.next_cursor || null, params, shown: page.results.length };
      renderSummary(state, page);
      renderNotes(page.notes || []);
      renderFacets(state, page.facets);
      renderTimeline(state, page.facets.published || [], interval, range);
      ui.results.replaceChildren(...page.results.map((hit) => resultItem(hit, state)));
      if (page.results.length === 0) renderEmpty(state);
      ui.more.hidden = !current.cursor;
    } catch (error) {
      if (token !== current.token) return;
      ui.results.replaceChildren();
      ui.more.hidden = true;
      ui.summary.textContent = '';
      ui.timeline.hidden = true;
      renderFacets(state, { kind: [], source: [] });
      ui.kindFacet.querySelectorAll('[data-kind-count]').forEach((count) => { count.textContent = ''; });
      showError(error);
    } finally {
      if (token === current.token) setBusy(false);
    }
  }

  async function loadMore() {
    if (!current.cursor) return;
    const token = current.token;
    ui.more.disabled = true;
    ui.more.textContent = 'Loading…';
    setBusy(true);
    try {
      const page = await api('search', Object.assign({}, current.params, { cursor: current.cursor }));
      if (token !== current.token) return;
      const state = readState();
      ui.results.append(...page.results.map((hit) => resultItem(hit, state)));
      current.cursor = page.next_cursor || null;
      current.shown += page.results.length;
      ui.more.hidden = !current.cursor;
    } catch (error) {
      if (token === current.token) showError(error);
    } finally {
      ui.more.disabled = false;
      ui.more.textContent = 'More results';
      if (token === current.token) setBusy(false);
    }
  }

  function renderSummary(state, page) {
    const n = page.total.value;
    const count = (page.total.relation === 'gte' ? 'More than ' : '') + plural(n, 'result', 'results');
    const order = state.sort === 'oldest' ? ', oldest first' : state.sort === 'newest' || !state.q ? ', newest first' : '';
    const parts = state.q
      ? [count + ' for ', el('strong', { class: 'query' }, '“' + state.q + '”'), order]
      : [plural(n, 'document', 'documents') + order];
    ui.summary.replaceChildren(...parts, el('span', { class: 'took' }, ' · ' + numbers.format(page.took_ms) + ' ms'));
  }

  function renderNotes(notes) {
    ui.notes.replaceChildren(...notes.map((note) => el('li', null, 'Note: ' + note)));
    ui.notes.hidden = notes.length === 0;
  }

  function renderEmpty(state) {
    const filtered = state.kinds.length > 0 || state.source || state.from || state.to;
    ui.empty.replaceChildren(
      el('h2', null, state.q ? 'No results for “' + state.q + '”' : 'Nothing here yet'),
      el('p', null, state.q
        ? 'Check the spelling, use fewer or more general words, or end a word with * to match its beginnings.'
        : 'No documents match. Upload corpus files to the bucket and they appear within seconds.'),
      filtered ? el('button', { type: 'button', class: 'link-button', onclick: () => navigate({ kinds: [], source: '', from: '', to: '' }) },
        'Search without filters') : null);
    ui.empty.hidden = false;
  }

  function resultItem(hit, state) {
    const open = (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(Object.assign({}, state, { doc: hit.id }));
    };
    const href = stateUrl(Object.assign({}, state, { doc: hit.id }));
    // A headline is its own snippet: show it once, highlighted.
    const title = hit.kind === 'headline'
      ? setSnippet(el('a', { href, class: 'snippet', onclick: open }), hit.snippet)
      : el('a', { href, onclick: open }, hit.title);
    return el('li', { class: 'result result-' + hit.kind, 'data-id': hit.id },
      el('div', { class: 'result-meta' },
        el('span', { class: 'badge badge-' + hit.kind }, KIND_LABELS[hit.kind] || hit.kind),
        el('span', { class: 'result-sources' }, hit.sources.join(', ')),
        el('time', { class: 'published', datetime: hit.published, title: 'Published; indexed ' + formatDate(hit.ingested_at) },
          formatPublished(hit.published)),
        state.q && !state.sort ? el('span', { class: 'score', title: 'BM25 score' }, hit.score.toFixed(2)) : null),
      el('h3', { class: 'result-title' }, title),
      hit.kind === 'headline' ? null : setSnippet(el('p', { class: 'snippet' }), hit.snippet));
  }

  function syncKindBoxes(state) {
    for (const box of ui.kindFacet.querySelectorAll('input[name=kind]')) {
      box.checked = state.kinds.includes(box.value);
    }
  }

  function renderFacets(state, facets) {
    for (const bucket of facets.kind) {
      const count = ui.kindFacet.querySelector('[data-kind-count="' + bucket.value + '"]');
      if (count) count.textContent = numbers.format(bucket.count);
    }
    const items = facets.source.map((bucket) => {
      const active = bucket.value === state.source;
      return el('li', null,
        el('button', {
          type: 'button', class: 'facet-option facet-link', 'aria-pressed': String(active), title: bucket.value,
          onclick: () => navigate({ source: active ? '' : bucket.value }),
        }, el('span', { class: 'facet-label' }, bucket.value), el('span', { class: 'count' }, numbers.format(bucket.count))));
    });
    ui.sourceFacet.replaceChildren(...(items.length ? items : [el('li', { class: 'facet-none' }, 'No matching files')]));
  }

  function renderChips(state) {
    const chips = [];
    state.kinds.forEach((kind) => chips.push(chip('Kind: ' + KIND_LABELS[kind],
      () => navigate({ kinds: state.kinds.filter((k) => k !== kind) }))));
    if (state.source) chips.push(chip('Source: ' + state.source, () => navigate({ source: '' })));
    if (state.from || state.to) chips.push(chip('Published: ' + dateFilterLabel(state), () => navigate({ from: '', to: '' })));
    ui.chips.replaceChildren(...chips);
    ui.chips.hidden = chips.length === 0;
  }

  function syncSort(state) {
    // Relevance needs words to rank by; a listing is in date order.
    ui.sort.querySelector('option[value=relevance]').disabled = !state.q;
    ui.sort.value = state.sort || (state.q ? 'relevance' : 'newest');
  }

  function syncDateControls(state) {
    const items = DATE_CHOICES.map((choice) => {
      const active = choice.from ? choice.from === state.from && !state.to : !state.from && !state.to;
      return el('li', null, el('button', {
        type: 'button', class: 'facet-option facet-link date-choice', 'aria-pressed': String(active),
        onclick: () => navigate({ from: choice.from, to: '' }),
      }, el('span', { class: 'facet-label' }, choice.label)));
    });
    ui.dateChoices.replaceChildren(...items);
    // The inputs name whole days, the last one included; the API's `to` is exclusive.
    ui.fromDate.value = PLAIN_DATE.test(state.from) ? state.from : '';
    ui.toDate.value = PLAIN_DATE.test(state.to) ? isoDate(Date.parse(state.to + 'T00:00:00Z') - DAY) : '';
  }

  function applyDateRange() {
    let from = ui.fromDate.value;
    let last = ui.toDate.value;
    if (from && last && from > last) [from, last] = [last, from];
    navigate({ from, to: last ? isoDate(Date.parse(last + 'T00:00:00Z') + DAY) : '' });
  }

  /**
   * The timeline: one bar per day, week or month of the period shown (empty ones as gaps), from the
   * histogram the API counts under every filter but the dates. A bar filters to its period.
   */
  function renderTimeline(state, buckets, interval, range) {
    const dated = Boolean(state.from || state.to);
    ui.timelineClear.hidden = !dated;
    const unit = INTERVAL_UNITS[interval];
    const counts = new Map(buckets.map((b) => [Date.parse(b.start), b.count]));
    if (!buckets.length) {
      ui.timeline.hidden = true;
      return;
    }
    const firstBucket = Date.parse(buckets[0].start);
    const lastBucket = Date.parse(buckets[buckets.length - 1].start);
    // A date filter draws its whole period, empty days included; without one, the matches' span.
    let first = range.from !== null ? roundDown(range.from, unit) : firstBucket;
    let last = range.to !== null ? roundDown(range.to - 1, unit)
      : range.from !== null ? Math.max(lastBucket, roundDown(Date.now(), unit)) : lastBucket;
    if (bucketCount(first, last, interval) > 400) {
      first = Math.max(first, firstBucket); // a period of centuries: only the part with matches
      last = Math.min(last, lastBucket);
    }
    const slots = [];
    for (let start = first; start <= last && slots.length < 1000; start = bucketEnd(start, interval)) {
      slots.push({ start, count: counts.get(start) || 0 });
    }
    ui.timeline.hidden = slots.every((slot) => slot.count === 0);
    if (ui.timeline.hidden) return;
    ui.timelineTitle.textContent = 'Published, by ' + interval;
    const max = Math.max(...slots.map((slot) => slot.count));
    ui.timelineBars.replaceChildren(...slots.map((slot) => {
      if (slot.count === 0) return el('span', { class: 'bar bar-empty', 'aria-hidden': 'true' });
      const from = isoDate(slot.start);
      const to = isoDate(bucketEnd(slot.start, interval));
      const active = state.from === from && state.to === to;
      const label = bucketLabel(slot.start, interval) + ': ' + plural(slot.count, 'result', 'results');
      const fill = el('span', { class: 'bar-fill' });
      fill.style.height = Math.max(4, Math.round((slot.count / max) * 100)) + '%'; // CSSOM: allowed by the page's policy
      return el('button', {
        type: 'button', class: 'bar', 'aria-label': label, title: label, 'aria-pressed': String(active),
        'data-from': from, 'data-to': to,
        onclick: () => navigate(active ? { from: '', to: '' } : { from, to }),
      }, fill);
    }));
    const ends = [bucketLabel(slots[0].start, interval)];
    if (slots.length > 1) ends.push(bucketLabel(slots[slots.length - 1].start, interval));
    ui.timelineAxis.replaceChildren(...ends.map((text) => el('span', null, text)));
  }

  function chip(label, remove) {
    return el('span', { class: 'chip' }, label,
      el('button', { type: 'button', class: 'chip-remove', 'aria-label': 'Remove ' + label, onclick: remove }, '×'));
  }

  async function showDocument(state) {
    const token = ++current.token;
    clearMessages();
    ui.filters.hidden = true;
    ui.toolbar.hidden = true;
    ui.chips.hidden = true;
    ui.timeline.hidden = true;
    ui.results.replaceChildren();
    ui.more.hidden = true;
    ui.doc.hidden = false;
    ui.doc.replaceChildren(backLink(state), el('p', { class: 'loading-text' }, 'Loading…'));
    setBusy(true);
    try {
      const doc = await api('documents/' + encodeURIComponent(state.doc));
      if (token !== current.token) return;
      const related = el('section', { class: 'document-related', 'aria-labelledby': 'related-title', 'aria-busy': 'true' },
        el('h2', { id: 'related-title' }, 'Related'), el('p', { class: 'loading-text' }, 'Loading…'));
      document.title = doc.title + ' · newsindex';
      const heading = el('h1', { tabindex: '-1' }, doc.title);
      // A headline's text is its title: show it once.
      const showBody = !(doc.paragraphs.length === 1 && doc.paragraphs[0] === doc.title);
      ui.doc.replaceChildren(...[
        backLink(state),
        el('div', { class: 'result-meta' },
          el('span', { class: 'badge badge-' + doc.kind }, KIND_LABELS[doc.kind] || doc.kind),
          el('time', { class: 'published', datetime: doc.published }, 'Published ' + formatPublished(doc.published)),
          el('time', { datetime: doc.ingested_at }, 'Indexed ' + formatDate(doc.ingested_at)),
          el('span', null, plural(doc.length, 'term', 'terms'))),
        heading,
        showBody ? el('div', { class: 'document-body' }, doc.paragraphs.map((p) => el('p', null, p))) : null,
        el('section', { class: 'document-sources' },
          el('h2', null, doc.kind === 'headline' ? 'Listed in ' + plural(doc.sources.length, 'file', 'files') : 'Source file'),
          el('ul', null, doc.sources.map((key) => el('li', null,
            el('a', {
              href: stateUrl({ q: '', kinds: [], source: key, from: '', to: '', sort: '', doc: '' }),
              onclick: (event) => { event.preventDefault(); navigate({ q: '', kinds: [], sort: '', from: '', to: '', source: key }); },
            }, key))))),
        related].filter(Boolean));
      heading.focus();
      showRelated(state, related, token);
    } catch (error) {
      if (token !== current.token) return;
      ui.doc.replaceChildren(backLink(state));
      showError(error);
    } finally {
      if (token === current.token) setBusy(false);
    }
  }

  /** The documents most like this one (GET /documents/{id}/related), as links to their own pages. */
  async function showRelated(state, section, token) {
    const heading = section.firstChild;
    let body;
    try {
      const answer = await api('documents/' + encodeURIComponent(state.doc) + '/related', { limit: RELATED });
      if (token !== current.token) return;
      body = answer.results.length
        ? el('ul', { class: 'related-list' }, answer.results.map((hit) => {
          const target = Object.assign({}, state, { doc: hit.id });
          return el('li', { class: 'related', 'data-id': hit.id },
            el('a', {
              href: stateUrl(target),
              onclick: (event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                navigate(target);
              },
            }, hit.title),
            el('span', { class: 'result-meta' },
              el('span', { class: 'badge badge-' + hit.kind }, KIND_LABELS[hit.kind] || hit.kind),
              el('time', { class: 'published', datetime: hit.published }, formatPublished(hit.published))));
        }))
        : el('p', { class: 'related-none' }, (answer.notes || ['Nothing in the index is like this document.']).join(' '));
    } catch (error) {
      if (token !== current.token) return;
      body = el('p', { class: 'related-none' }, 'Related documents could not be loaded: ' + error.message);
    }
    section.replaceChildren(heading, body);
    section.setAttribute('aria-busy', 'false');
  }

  function backLink(state) {
    const back = Object.assign({}, state, { doc: '' });
    return el('a', {
      class: 'back', href: stateUrl(back),
      onclick: (event) => {
        event.preventDefault();
        if (history.state && history.state.fromPage) history.back();
        else navigate(back);
      },
    }, state.q ? '← Back to results' : '← Back to the list');
  }

  // ---- Autocomplete -------------------------------------------------------------------------

  const suggest = { token: 0, timer: 0, options: [], active: -1 };

  function scheduleSuggestions() {
    clearTimeout(suggest.timer);
    suggest.timer = setTimeout(loadSuggestions, 120);
  }

  async function loadSuggestions() {
    const text = ui.input.value;
    const whole = text.trim();
    const token = ++suggest.token;
    if ([...whole].length < 2) return closeSuggestions();
    // Headline titles match the whole text; words complete the last word being typed.
    const lastWord = /\S+$/.exec(text);
    const head = lastWord && lastWord.index > 0 ? text.slice(0, lastWord.index) : '';
    const requests = [api('suggest', { prefix: whole, limit: SUGGESTIONS })];
    if (head.trim() && lastWord && [...lastWord[0]].length >= 2) {
      requests.push(api('suggest', { prefix: lastWord[0], limit: SUGGESTIONS }));
    }
    let answers;
    try {
      answers = await Promise.all(requests);
    } catch (error) {
      return closeSuggestions(); // Suggestions are a convenience: a failure only hides them.
    }
    if (token !== suggest.token) return;
    const options = [];
    const seen = new Set();
    const add = (option) => {
      if (!seen.has(option.label) && options.length < SUGGESTIONS) {
        seen.add(option.label);
        options.push(option);
      }
    };
    for (const s of answers[0].suggestions) {
      add({ label: s.text, type: s.type, count: s.count, id: s.id, value: s.text, typed: whole });
    }
    for (const s of (answers[1] ? answers[1].suggestions : []).filter((s) => s.type === 'word')) {
      add({ label: head + s.text, type: 'word', count: s.count, value: head + s.text, typed: text });
    }
    showSuggestions(options);
  }

  function showSuggestions(options) {
    suggest.options = options;
    suggest.active = -1;
    ui.suggestions.replaceChildren(...options.map((option, i) => {
      const typed = option.label.slice(0, option.typed.length);
      const same = typed.toLowerCase() === option.typed.toLowerCase();
      return el('li', {
        id: 'suggestion-' + i, role: 'option', class: 'suggestion suggestion-' + option.type, 'aria-selected': 'false',
        onmousedown: (event) => event.preventDefault(), // keep focus in the box
        onclick: () => choose(i),
      },
      el('span', { class: 'suggestion-text' },
        same ? [typed, el('b', null, option.label.slice(option.typed.length))] : option.label),
      el('span', { class: 'suggestion-type' }, option.type === 'headline' ? 'Headline' : plural(option.count, 'doc', 'docs')));
    }));
    const open = options.length > 0;
    ui.suggestions.hidden = !open;
    ui.input.setAttribute('aria-expanded', String(open));
    ui.input.removeAttribute('aria-activedescendant');
  }

  function closeSuggestions() {
    suggest.token++;
    clearTimeout(suggest.timer);
    suggest.options = [];
    suggest.active = -1;
    ui.suggestions.hidden = true;
    ui.suggestions.replaceChildren();
    ui.input.setAttribute('aria-expanded', 'false');
    ui.input.removeAttribute('aria-activedescendant');
  }

  function moveActive(step) {
    const n = suggest.options.length;
    if (!n) return;
    suggest.active = ((suggest.active + 1 + step + n + 1) % (n + 1)) - 1; // -1: back to what was typed
    ui.suggestions.querySelectorAll('[role=option]').forEach((node, i) => {
      node.setAttribute('aria-selected', String(i === suggest.active));
    });
    if (suggest.active >= 0) ui.input.setAttribute('aria-activedescendant', 'suggestion-' + suggest.active);
    else ui.input.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    const option = suggest.options[i];
    closeSuggestions();
    if (option.type === 'headline' && option.id) {
      navigate({ doc: option.id });
    } else {
      ui.input.value = option.value;
      navigate({ q: option.value.trim() });
    }
  }

  // ---- Wiring -------------------------------------------------------------------------------

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    closeSuggestions();
    navigate({ q: ui.input.value.trim() });
  });
  ui.input.addEventListener('input', scheduleSuggestions);
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggest.options.length) {
        event.preventDefault();
        moveActive(event.key === 'ArrowDown' ? 1 : -1);
      }
    } else if (event.key === 'Enter' && suggest.active >= 0) {
      event.preventDefault();
      choose(suggest.active);
    } else if (event.key === 'Escape') {
      closeSuggestions();
    }
  });
  ui.input.addEventListener('blur', closeSuggestions);
  ui.kindFacet.addEventListener('change', () => {
    const kinds = [...ui.kindFacet.querySelectorAll('input[name=kind]:checked')].map((box) => box.value);
    navigate({ kinds });
  });
  ui.sort.addEventListener('change', () => navigate({ sort: SORTS.includes(ui.sort.value) ? ui.sort.value : '' }));
  ui.dateRange.addEventListener('submit', (event) => {
    event.preventDefault();
    applyDateRange();
  });
  ui.timelineClear.addEventListener('click', () => navigate({ from: '', to: '' }));
  ui.more.addEventListener('click', loadMore);
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    navigate({ q: '', kinds: [], source: '', from: '', to: '', sort: '' });
    ui.input.focus();
  });
  window.addEventListener('popstate', render);

  api('health').then((health) => {
    ui.indexSize.textContent = plural(health.documents.total, 'document', 'documents') + ' indexed';
  }, () => {});
  render();
})();
