// The newsindex search page: plain JavaScript over the same-origin API (see /openapi.json).
// State lives in the URL (?q=&kind=&source=&sort=&doc=), so every view can be linked and the
// browser's back button works. Only `snippet` fields are inserted as HTML: the API escapes them and
// marks matches with <em>. Everything else is inserted as text.
(function () {
  'use strict';

  const PAGE_SIZE = 10;
  const SUGGESTIONS = 8;
  const KINDS = ['article', 'headline'];
  const KIND_LABELS = { article: 'Article', headline: 'Headline' };

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), input: $('q'), suggestions: $('suggestions'),
    filters: $('filters'), kindFacet: $('kind-facet'), sourceFacet: $('source-facet'),
    toolbar: $('toolbar'), summary: $('summary'), sortControl: $('sort-control'), sort: $('sort'),
    chips: $('active-filters'), error: $('error'), notes: $('notes'), results: $('results'),
    empty: $('empty'), more: $('more'), doc: $('document'), indexSize: $('index-size'),
  };
  const numbers = new Intl.NumberFormat();
  const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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

  function plural(n, one, many) {
    return numbers.format(n) + ' ' + (n === 1 ? one : many);
  }

  // ---- State in the URL ---------------------------------------------------------------------

  function readState() {
    const p = new URLSearchParams(location.search);
    const kinds = p.getAll('kind').flatMap((k) => k.split(',')).map((k) => k.trim()).filter((k) => KINDS.includes(k));
    return {
      q: (p.get('q') || '').trim(),
      kinds: [...new Set(kinds)],
      source: p.get('source') || '',
      sort: p.get('sort') === 'newest' ? 'newest' : '',
      doc: p.get('doc') || '',
    };
  }

  function stateUrl(state) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    state.kinds.forEach((k) => p.append('kind', k));
    if (state.source) p.set('source', state.source);
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
    ui.sortControl.hidden = !state.q;
    ui.sort.value = state.sort || 'relevance';
    const params = { q: state.q, kind: state.kinds, source: state.source, sort: state.sort, limit: PAGE_SIZE };
    setBusy(true);
    try {
      const page = await api('search', params);
      if (token !== current.token) return;
      current = { token, cursor: page.next_cursor || null, params, shown: page.results.length };
      renderSummary(state, page);
      renderNotes(page.notes || []);
      renderFacets(state, page.facets);
      ui.results.replaceChildren(...page.results.map((hit) => resultItem(hit, state)));
      if (page.results.length === 0) renderEmpty(state);
      ui.more.hidden = !current.cursor;
    } catch (error) {
      if (token !== current.token) return;
      ui.results.replaceChildren();
      ui.more.hidden = true;
      ui.summary.textContent = '';
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
    const parts = state.q
      ? [count + ' for ', el('strong', { class: 'query' }, '“' + state.q + '”')]
      : [plural(n, 'document', 'documents') + ', newest first'];
    ui.summary.replaceChildren(...parts, el('span', { class: 'took' }, ' · ' + numbers.format(page.took_ms) + ' ms'));
  }

  function renderNotes(notes) {
    ui.notes.replaceChildren(...notes.map((note) => el('li', null, 'Note: ' + note)));
    ui.notes.hidden = notes.length === 0;
  }

  function renderEmpty(state) {
    const filtered = state.kinds.length > 0 || state.source;
    ui.empty.replaceChildren(
      el('h2', null, state.q ? 'No results for “' + state.q + '”' : 'Nothing here yet'),
      el('p', null, state.q
        ? 'Check the spelling, use fewer or more general words, or end a word with * to match its beginnings.'
        : 'No documents match. Upload corpus files to the bucket and they appear within seconds.'),
      filtered ? el('button', { type: 'button', class: 'link-button', onclick: () => navigate({ kinds: [], source: '' }) },
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
        el('time', { datetime: hit.ingested_at }, formatDate(hit.ingested_at)),
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
    ui.chips.replaceChildren(...chips);
    ui.chips.hidden = chips.length === 0;
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
    ui.results.replaceChildren();
    ui.more.hidden = true;
    ui.doc.hidden = false;
    ui.doc.replaceChildren(backLink(state), el('p', { class: 'loading-text' }, 'Loading…'));
    setBusy(true);
    try {
      const doc = await api('documents/' + encodeURIComponent(state.doc));
      if (token !== current.token) return;
      document.title = doc.title + ' · newsindex';
      const heading = el('h1', { tabindex: '-1' }, doc.title);
      // A headline's text is its title: show it once.
      const showBody = !(doc.paragraphs.length === 1 && doc.paragraphs[0] === doc.title);
      ui.doc.replaceChildren(...[
        backLink(state),
        el('div', { class: 'result-meta' },
          el('span', { class: 'badge badge-' + doc.kind }, KIND_LABELS[doc.kind] || doc.kind),
          el('time', { datetime: doc.ingested_at }, 'Indexed ' + formatDate(doc.ingested_at)),
          el('span', null, plural(doc.length, 'term', 'terms'))),
        heading,
        showBody ? el('div', { class: 'document-body' }, doc.paragraphs.map((p) => el('p', null, p))) : null,
        el('section', { class: 'document-sources' },
          el('h2', null, doc.kind === 'headline' ? 'Listed in ' + plural(doc.sources.length, 'file', 'files') : 'Source file'),
          el('ul', null, doc.sources.map((key) => el('li', null,
            el('a', {
              href: stateUrl({ q: '', kinds: [], source: key, sort: '', doc: '' }),
              onclick: (event) => { event.preventDefault(); navigate({ q: '', kinds: [], sort: '', source: key }); },
            }, key)))))].filter(Boolean));
      heading.focus();
    } catch (error) {
      if (token !== current.token) return;
      ui.doc.replaceChildren(backLink(state));
      showError(error);
    } finally {
      if (token === current.token) setBusy(false);
    }
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
  ui.sort.addEventListener('change', () => navigate({ sort: ui.sort.value === 'newest' ? 'newest' : '' }));
  ui.more.addEventListener('click', loadMore);
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    navigate({ q: '', kinds: [], source: '', sort: '' });
    ui.input.focus();
  });
  window.addEventListener('popstate', render);

  api('health').then((health) => {
    ui.indexSize.textContent = plural(health.documents.total, 'document', 'documents') + ' indexed';
  }, () => {});
  render();
})();
