/* razem default theme: navigation, theme toggle, learning progress (also
   to and from a file, and a path's certificate), self-check exercises, glossary tooltips, slides and print.
   A classic deferred script: no modules, no fetch, works from file://.
   UI strings come from the JSON block #razem-i18n (keys js.*, type.*). */
(function () {
  'use strict';

  var doc = document;
  var html = doc.documentElement;
  html.classList.add('js');

  var S = {};
  try {
    var i18n = doc.getElementById('razem-i18n');
    S = (i18n && JSON.parse(i18n.textContent)) || {};
  } catch (e) { S = {}; }

  // t returns the UI string for key (or the fallback) with {name} filled in.
  function t(key, fallback, vars) {
    var s = S[key] || fallback || key;
    for (var v in vars) {
      if (Object.prototype.hasOwnProperty.call(vars, v)) s = s.split('{' + v + '}').join(vars[v]);
    }
    return s;
  }
  function $(sel, ctx) { return (ctx || doc).querySelector(sel); }
  function $$(sel, ctx) { return Array.prototype.slice.call((ctx || doc).querySelectorAll(sel)); }
  function on(el, type, fn) { if (el) el.addEventListener(type, fn); }
  function remove(el) { if (el && el.parentNode) el.parentNode.removeChild(el); }

  var root = html.getAttribute('data-root') || '';
  var pageId = html.getAttribute('data-page') || '';

  /* ---------- storage: localStorage can be missing or throw (file://, privacy modes) ---------- */

  var store = null;
  try {
    store = window.localStorage;
    store.setItem('razem.test', '1');
    store.removeItem('razem.test');
  } catch (e) { store = null; }
  var memory = {};
  function get(key) {
    try { if (store) return store.getItem(key); } catch (e) { /* fall through */ }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }
  function put(key, value) {
    memory[key] = value;
    try {
      if (!store) return;
      if (value === null) store.removeItem(key); else store.setItem(key, value);
    } catch (e) { /* quota or access error: keep the in-memory copy */ }
  }

  /* ---------- theme toggle: html[data-theme] overrides the OS preference ---------- */

  var themeBtn = $('.theme-toggle');
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function isDark() {
    var th = html.getAttribute('data-theme');
    return th ? th === 'dark' : !!(darkQuery && darkQuery.matches);
  }
  function syncTheme() {
    // The name stays "dark mode"; aria-pressed says whether it is on.
    if (themeBtn) themeBtn.setAttribute('aria-pressed', String(isDark()));
  }
  var savedTheme = get('razem.theme');
  if (savedTheme === 'dark' || savedTheme === 'light') html.setAttribute('data-theme', savedTheme);
  if (themeBtn) themeBtn.textContent = t('js.theme.dark', themeBtn.textContent);
  syncTheme();
  on(themeBtn, 'click', function () {
    var th = isDark() ? 'light' : 'dark';
    html.setAttribute('data-theme', th);
    put('razem.theme', th);
    syncTheme();
  });
  if (darkQuery) {
    if (darkQuery.addEventListener) darkQuery.addEventListener('change', syncTheme);
    else if (darkQuery.addListener) darkQuery.addListener(syncTheme);
  }

  /* ---------- editions: the trainer edition shows notes and prints answers ---------- */

  var trainerEdition = doc.body.classList.contains('edition-trainer');
  html.classList.toggle('trainer-view', trainerEdition);
  html.classList.toggle('print-answers', trainerEdition);

  /* ---------- mobile navigation ---------- */

  var navBtn = $('.nav-toggle');
  var sidebar = doc.getElementById('sidebar');
  function navOpen() { return !!navBtn && navBtn.getAttribute('aria-expanded') === 'true'; }
  function setNav(open) {
    if (!navBtn || !sidebar) return;
    navBtn.setAttribute('aria-expanded', String(open));
    sidebar.classList.toggle('is-open', open);
    html.classList.toggle('nav-open', open);
  }
  on(navBtn, 'click', function () { setNav(!navOpen()); });
  // Keep the current page visible in a long sidebar (its list scrolls on wide screens).
  var navList = sidebar && $('.nav-sections', sidebar);
  var navCurrent = navList && $('[aria-current=page]', navList);
  if (navCurrent && navList.scrollHeight > navList.clientHeight + 4) {
    navList.scrollTop += navCurrent.getBoundingClientRect().top - navList.getBoundingClientRect().top - navList.clientHeight / 3;
  }

  /* ---------- learning progress: {"visited": {url: true}, "passed": {url: true}} ---------- */

  var PKEY = 'razem.progress';
  function loadProgress() {
    var p = null;
    try { p = JSON.parse(get(PKEY) || 'null'); } catch (e) { p = null; }
    if (!p || typeof p !== 'object') p = {};
    if (!p.visited || typeof p.visited !== 'object') p.visited = {};
    if (!p.passed || typeof p.passed !== 'object') p.passed = {};
    return p;
  }
  var progress = loadProgress();
  function markProgress(kind, url) {
    if (!url) return;
    progress = loadProgress(); // merge with other tabs
    if (!progress[kind][url]) {
      progress[kind][url] = true;
      put(PKEY, JSON.stringify(progress));
    }
    paintProgress();
  }

  function isExerciseStep(li) {
    if (li.getAttribute('data-type')) return li.getAttribute('data-type') === 'exercise';
    var badge = $('.badge', li);
    return !!badge && badge.textContent.trim() === t('type.exercise', 'Ćwiczenie');
  }

  function paintProgress() {
    $$('[data-progress]').forEach(function (el) {
      var url = el.getAttribute('data-progress');
      var passed = !!progress.passed[url];
      var visited = passed || !!progress.visited[url];
      el.classList.toggle('is-visited', visited);
      el.classList.toggle('is-passed', passed);
      var target = el.tagName === 'A' ? el : ($('a', el) || el);
      var sr = $('.progress-sr', target);
      if (!visited) { remove(sr); return; }
      if (!sr) {
        sr = doc.createElement('span');
        sr.className = 'visually-hidden progress-sr';
        target.appendChild(sr);
      }
      sr.textContent = ' (' + (passed ? t('js.progress.passed', 'zaliczone') : t('js.progress.visited', 'odwiedzone')) + ')';
    });
    var status = $('.path-progress');
    if (status) {
      var steps = $$('.steps > .step');
      var done = steps.filter(function (li) {
        var u = li.getAttribute('data-progress');
        return isExerciseStep(li) ? progress.passed[u] : (progress.visited[u] || progress.passed[u]);
      }).length;
      status.textContent = t('js.progress', 'Postęp: {n} z {total}', { n: done, total: steps.length });
      status.hidden = false;
    }
  }

  var progressPage = $('[data-progress-page]');
  if (progressPage) markProgress('visited', progressPage.getAttribute('data-progress-page') || pageId);
  else paintProgress();
  on(window, 'storage', function (e) {
    if (e.key === PKEY) { progress = loadProgress(); paintProgress(); }
  });

  var resetBtn = $('.progress-reset');
  if (resetBtn) {
    resetBtn.hidden = false;
    on(resetBtn, 'click', function () {
      if (!window.confirm(t('js.reset.confirm'))) return;
      progress = { visited: {}, passed: {} };
      put(PKEY, JSON.stringify(progress));
      paintProgress();
    });
  }

  /* ---------- progress to and from a file: a device change without accounts ---------- */

  var progressTools = $('.progress-tools');
  if (progressTools) {
    progressTools.hidden = false;
    var toolsStatus = $('.progress-tools-status');
    on($('.progress-export'), 'click', function () {
      var data = JSON.stringify({ razem: 1, site: doc.title, exported: new Date().toISOString(), progress: loadProgress() }, null, 1);
      var a = doc.createElement('a');
      a.href = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
      a.download = 'postep-razem.json';
      doc.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); remove(a); }, 1000);
    });
    var importInput = $('.progress-import-file');
    on($('.progress-import'), 'click', function () { if (importInput) importInput.click(); });
    on(importInput, 'change', function () {
      var f = importInput.files && importInput.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () {
        var n = importProgress(String(reader.result));
        if (toolsStatus) toolsStatus.textContent = n < 0 ? t('js.import.bad') : t('js.import.done', '', { n: n });
        importInput.value = '';
      };
      reader.readAsText(f);
    });
  }

  // importProgress merges a saved progress file into this browser's and
  // returns the number of pages it brought, or -1 for a file that is not one.
  function importProgress(text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { return -1; }
    if (!data || data.razem !== 1 || !data.progress || typeof data.progress !== 'object') return -1;
    progress = loadProgress();
    var n = 0;
    ['visited', 'passed'].forEach(function (kind) {
      var src = data.progress[kind];
      if (!src || typeof src !== 'object') return;
      Object.keys(src).forEach(function (url) {
        if (src[url] === true && typeof url === 'string' && !progress[kind][url]) { progress[kind][url] = true; n++; }
      });
    });
    put(PKEY, JSON.stringify(progress));
    paintProgress();
    return n;
  }

  /* ---------- completion certificate of a learning path ---------- */

  var cert = $('[data-certificate]');
  if (cert) initCertificate(cert);

  function stepDone(el) {
    var u = el.getAttribute('data-progress');
    return el.getAttribute('data-type') === 'exercise' ? !!progress.passed[u] : !!(progress.visited[u] || progress.passed[u]);
  }

  function initCertificate(el) {
    var steps = $$('.cert-steps > li', el);
    var done = steps.filter(stepDone).length;
    var status = $('.cert-status', el);
    var form = $('.cert-form', el);
    var paper = $('.certificate', el);
    var name = $('#cert-name', el);
    if (done < steps.length) {
      status.textContent = t('js.cert.todo', '', { n: done, total: steps.length });
      return;
    }
    status.textContent = t('js.cert.ready');
    form.hidden = false;
    if (name) name.value = get('razem.name') || '';
    on(form, 'submit', function (e) {
      e.preventDefault();
      var who = name.value.trim();
      if (!who) { name.focus(); return; }
      put('razem.name', who);
      $('.cert-name', el).textContent = who;
      var when = new Date();
      var d = $('.cert-date', el);
      try { d.textContent = when.toLocaleDateString(html.lang || 'pl', { day: 'numeric', month: 'long', year: 'numeric' }); } catch (x) { d.textContent = when.toISOString().slice(0, 10); }
      paper.hidden = false;
      window.print();
    });
  }

  /* ---------- self-check exercises ----------
     The page holds no answers: a question carries a salted hash of its
     answer key (razemHash, the same function as the generator's
     markdown.AnswerHash), feedback and model answers are sealed
     (unseal, markdown.Seal). Pure JS, so it works on file:// and plain
     HTTP, where crypto.subtle is not available. */

  function fnv(s, h) {
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function fmix(h) {
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
    return h >>> 0;
  }
  function hex(h) { return ('0000000' + h.toString(16)).slice(-8); }
  function utf8(s) { return unescape(encodeURIComponent(s)); }
  function razemHash(salt, key) {
    var s = utf8(salt + '|' + key);
    return hex(fmix(fnv(s, 0x811c9dc5))) + hex(fmix(fnv(s, 0x9747b28c)));
  }
  function unseal(attr) {
    var i = attr.indexOf(':');
    var salt = utf8(attr.slice(0, i));
    var bin = atob(attr.slice(i + 1));
    var x = fnv(salt, 0x811c9dc5) | 1;
    var out = '';
    for (var j = 0; j < bin.length; j++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      out += String.fromCharCode(bin.charCodeAt(j) ^ (x & 0xff));
    }
    return decodeURIComponent(escape(out));
  }
  // reveal unseals a sealed element once and shows it.
  function reveal(el) {
    if (!el) return;
    var sealed = el.hasAttribute('data-seal') ? el : $('[data-seal]', el);
    if (sealed) {
      try { sealed.innerHTML = unseal(sealed.getAttribute('data-seal')); } catch (e) { /* damaged: stays empty */ }
      sealed.removeAttribute('data-seal');
    }
    el.hidden = false;
  }
  // A learner's number as the generator reads the author's (ParseNumber).
  function parseNumber(s) {
    s = s.replace(/[\s\u00a0\u202f\u2009]/g, '').replace(',', '.').replace('\u2212', '-');
    return /^-?[0-9]+(\.[0-9]+)?$/.test(s) ? parseFloat(s) : null;
  }
  function normBlank(s) { return s.trim().replace(/\s+/g, ' ').toLowerCase(); }

  // Model answers outside checkable questions: shown on request.
  $$('details.callout-answer[hidden]').forEach(function (d) {
    var q = d.closest('.question');
    if (q && q.getAttribute('data-kind') !== 'open') return;
    d.hidden = false;
    on(d, 'toggle', function () { if (d.open) reveal(d); });
  });

  var exercise = $('.exercise');
  if (exercise) initExercise(exercise);

  function initExercise(ex) {
    var url = ex.getAttribute('data-exercise') || ex.getAttribute('data-progress-page') || pageId;
    var score = $('.exercise-score', ex);
    var questions = $$('.question[data-salt]', ex);

    function showScore() {
      var n = questions.filter(function (q) { return q.classList.contains('is-correct'); }).length;
      var all = questions.length > 0 && n === questions.length;
      if (all) markProgress('passed', url);
      try { doc.dispatchEvent(new CustomEvent('razem:score', { detail: { score: n, max: questions.length, passed: all } })); } catch (e) { /* old browser */ }
      if (!score) return;
      score.textContent = t('js.score', 'Wynik: {n} z {total}', { n: n, total: questions.length }) +
        (all ? ' ' + t('js.passed') : '');
      score.classList.toggle('is-passed', all);
      score.hidden = false;
    }

    questions.forEach(function (q) {
      var actions = $('.question-actions', q);
      var btn = $('.check', q);
      var result = $('.question-result', q);
      if (!actions || !btn || !result) return;
      var kind = q.getAttribute('data-kind');
      var salt = q.getAttribute('data-salt');
      var checkLabel = btn.textContent;
      actions.hidden = false;
      if (kind === 'ordering') initOrdering(q);

      // marked lists the elements that got a verdict class.
      var marked = [];
      function mark(el, cls) { if (el) { el.classList.add(cls); marked.push([el, cls]); } }

      function clear(retry) {
        q.classList.remove('is-checked', 'is-correct', 'is-wrong');
        marked.forEach(function (m) { m[0].classList.remove(m[1]); });
        marked = [];
        if (retry) {
          $$('input[type=radio], input[type=checkbox]', q).forEach(function (i) { i.checked = false; });
          $$('input[type=text]', q).forEach(function (i) { i.value = ''; });
          $$('select', q).forEach(function (s) { s.value = ''; });
        }
        $$('.feedback', q).forEach(function (d) { d.hidden = true; });
        if (!trainerEdition) $$('.callout-answer', q).forEach(function (d) { d.hidden = true; });
        result.textContent = '';
        btn.textContent = checkLabel;
      }

      // verdict returns true or false, or a message key when the answer is
      // not complete.
      function verdict() {
        var want = q.getAttribute('data-answer');
        if (kind === 'blanks') {
          var blanks = $$('input.blank', q);
          if (blanks.some(function (b) { return !b.value.trim(); })) return 'js.check.empty';
          var all = true;
          blanks.forEach(function (b, k) {
            var ok = (b.getAttribute('data-answer') || '').split(' ').indexOf(razemHash(salt + '#' + k, normBlank(b.value))) >= 0;
            mark(b, ok ? 'is-right' : 'is-wrong');
            all = all && ok;
          });
          return all;
        }
        if (kind === 'numeric') {
          var x = parseNumber(($('.numeric input', q) || {}).value || '');
          if (x === null) return 'js.check.number';
          var grid = q.getAttribute('data-grid');
          if (!grid) {
            var d = parseInt(q.getAttribute('data-decimals') || '0', 10);
            var s = x.toFixed(d);
            return Number(s) === x && razemHash(salt, s) === want;
          }
          var g = grid.split(' ');
          var y = (x - parseFloat(g[0])) / parseFloat(g[1]);
          var k = Math.floor(y);
          var cells = [k];
          if (y - k < 1e-9) cells.push(k - 1); // on a cell's edge: the range includes both ends
          if (k + 1 - y < 1e-9) cells.push(k + 1);
          return cells.some(function (c) { return razemHash(salt, String(c)) === want; });
        }
        var key;
        if (kind === 'matching') {
          var sel = $$('select', q);
          if (sel.some(function (s) { return s.value === ''; })) return 'js.check.empty';
          key = sel.map(function (s) { return s.value; }).join(',');
        } else if (kind === 'ordering') {
          key = $$('.order-item', q).map(function (li) { return li.getAttribute('data-item'); }).join(',');
        } else {
          var picked = $$('.choice input', q).filter(function (i) { return i.checked; });
          if (!picked.length) return 'js.check.empty';
          key = picked.map(function (i) { return i.value; }).join(',');
          var right = razemHash(salt, key) === want;
          picked.forEach(function (i) {
            var c = i.closest('.choice');
            if (kind !== 'multiple' || right) mark(c, right ? 'is-correct' : 'is-wrong');
            reveal($('.feedback', c));
          });
          return right;
        }
        return razemHash(salt, key) === want;
      }

      function check() {
        var ok = verdict();
        if (typeof ok === 'string') { result.textContent = t(ok); return; }
        q.classList.add('is-checked', ok ? 'is-correct' : 'is-wrong');
        $$('.callout-answer', q).forEach(reveal);
        $$('.callout-answer', q).forEach(function (d) { d.open = true; });
        result.textContent = t(ok ? 'js.check.right' : 'js.check.wrong');
        btn.textContent = t('js.retry');
      }

      on(btn, 'click', function () {
        if (q.classList.contains('is-checked')) clear(true); else check();
        showScore();
      });
      // Changing an answer after a check withdraws the verdict.
      function changed() {
        if (q.classList.contains('is-checked')) { clear(false); showScore(); }
      }
      on(q, 'change', changed);
      on(q, 'input', changed);
      on(q, 'razem:reorder', changed);
    });

    // Nothing to check (open questions only, or a workshop exercise):
    // reading it is completing it.
    if (!questions.length) markProgress('passed', url);
    else if (score && progress.passed[url]) {
      score.textContent = t('js.passed');
      score.classList.add('is-passed');
      score.hidden = false;
    }
  }

  // initOrdering adds move buttons to the items of an ordering question.
  function initOrdering(q) {
    var list = $('.order-list', q);
    if (!list) return;
    function move(li, dir, focusBtn) {
      var other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      if (dir < 0) list.insertBefore(li, other); else list.insertBefore(other, li);
      var b = $(focusBtn, li);
      if (b) b.focus();
      q.dispatchEvent(new CustomEvent('razem:reorder'));
    }
    $$('.order-item', list).forEach(function (li) {
      var label = (($('.order-text', li) || li).textContent || '').trim();
      var box = doc.createElement('span');
      box.className = 'order-buttons';
      [['order-up', '↑', 'js.order.up', -1], ['order-down', '↓', 'js.order.down', 1]].forEach(function (b) {
        var el = doc.createElement('button');
        el.type = 'button';
        el.className = 'button ' + b[0];
        el.textContent = b[1];
        el.setAttribute('aria-label', t(b[2], '', { item: label }));
        on(el, 'click', function () { move(li, b[3], '.' + b[0]); });
        box.appendChild(el);
      });
      li.appendChild(box);
    });
  }

  /* ---------- glossary tooltips: keep on screen, Escape dismisses (WCAG 1.4.13) ---------- */

  var hoveredTerm = null;
  function placeTip(term) {
    var tip = $('.term-tip', term);
    if (!tip) return;
    term.classList.remove('term-dismissed');
    tip.classList.remove('is-below');
    tip.style.transform = '';
    var r = tip.getBoundingClientRect();
    if (!r.width) return;
    if (r.top < 4) tip.classList.add('is-below');
    var vw = html.clientWidth;
    var dx = 0;
    if (r.right > vw - 8) dx = vw - 8 - r.right;
    if (r.left + dx < 8) dx = 8 - r.left;
    if (dx) tip.style.transform = 'translateX(' + Math.round(dx) + 'px)';
  }
  $$('.term').forEach(function (term) {
    on(term, 'mouseenter', function () { hoveredTerm = term; placeTip(term); });
    on(term, 'mouseleave', function () {
      if (hoveredTerm === term) hoveredTerm = null;
      term.classList.remove('term-dismissed');
    });
    on(term, 'focusin', function () { placeTip(term); });
    on(term, 'focusout', function () { term.classList.remove('term-dismissed'); });
  });

  on(doc, 'keydown', function (e) {
    if (e.key !== 'Escape' && e.key !== 'Esc') return;
    var active = doc.activeElement;
    var focused = active && active.closest ? active.closest('.term') : null;
    var dismissed = false;
    [focused, hoveredTerm].forEach(function (term) {
      if (term && !term.classList.contains('term-dismissed')) {
        term.classList.add('term-dismissed');
        dismissed = true;
      }
    });
    if (dismissed || e.defaultPrevented || !navOpen()) return;
    if (active && active.closest && active.closest('.search-form')) return;
    setNav(false);
    navBtn.focus();
  });

  /* ---------- slides: one at a time, keyboard and projector friendly ---------- */

  if (doc.body.classList.contains('kind-slides')) initDeck();

  function initDeck() {
    var slides = $$('.deck > .slide');
    if (!slides.length) return;
    var controls = $('.deck-controls');
    var counter = $('.deck-count');
    var current = -1;
    var total = slides.length;
    slides.forEach(function (s, i) {
      s.setAttribute('tabindex', '-1');
      s.setAttribute('aria-label', t('js.slide', '{n} / {total}', { n: i + 1, total: total }));
    });

    function go(i, focus) {
      i = Math.max(0, Math.min(total - 1, i));
      slides.forEach(function (s, j) {
        s.classList.toggle('is-current', j === i);
        if (j === i) s.removeAttribute('aria-hidden'); else s.setAttribute('aria-hidden', 'true');
      });
      if (i !== current) slides[i].scrollTop = 0;
      current = i;
      if (counter) counter.textContent = t('js.slide', '{n} / {total}', { n: i + 1, total: total });
      var hash = '#' + (i + 1);
      if (location.hash !== hash) {
        try { history.replaceState(null, '', hash); } catch (e) { location.hash = hash; }
      }
      if (focus) {
        try { slides[i].focus({ preventScroll: true }); } catch (e) { slides[i].focus(); }
      }
    }

    function fromHash() {
      var h = decodeURIComponent(location.hash.slice(1));
      if (/^\d+$/.test(h)) return go(parseInt(h, 10) - 1);
      var target = h && doc.getElementById(h);
      var slide = target && target.closest('.slide');
      go(slide ? slides.indexOf(slide) : Math.max(current, 0));
    }

    function fullscreen() {
      try {
        if (doc.fullscreenElement || doc.webkitFullscreenElement) {
          (doc.exitFullscreen || doc.webkitExitFullscreen).call(doc);
        } else {
          var p = (html.requestFullscreen || html.webkitRequestFullscreen).call(html);
          if (p && p.catch) p.catch(function () {});
        }
      } catch (e) { /* fullscreen not available */ }
    }

    var fullBtn = $('.deck-full');
    if (fullBtn && S['js.fullscreen']) fullBtn.setAttribute('aria-label', S['js.fullscreen']);
    on(fullBtn, 'click', fullscreen);
    on($('.deck-prev'), 'click', function () { go(current - 1); });
    on($('.deck-next'), 'click', function () { go(current + 1); });
    on(window, 'hashchange', fromHash);

    on(doc, 'keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      var tg = e.target;
      var tag = tg.tagName;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || tg.isContentEditable) return;
      var k = e.key;
      var space = (k === ' ' || k === 'Spacebar') && !/^(BUTTON|A|SUMMARY)$/.test(tag);
      var n = null;
      if (k === 'ArrowRight' || k === 'Right' || k === 'PageDown' || (space && !e.shiftKey)) n = current + 1;
      else if (k === 'ArrowLeft' || k === 'Left' || k === 'PageUp' || (space && e.shiftKey)) n = current - 1;
      else if (k === 'Home') n = 0;
      else if (k === 'End') n = total - 1;
      else if (k === 'f' || k === 'F') { e.preventDefault(); fullscreen(); return; }
      if (n === null) return;
      e.preventDefault();
      go(n, !(controls && controls.contains(tg)));
    });

    fromHash();
  }

  /* ---------- print: answers on request, links as numbered footnotes ---------- */

  var printBtn = $('.print-button');
  if (printBtn) {
    printBtn.hidden = false;
    on(printBtn, 'click', function () { window.print(); });
  }

  var printAdded = [];
  var printRestore = [];
  function afterPrint() {
    printAdded.forEach(remove);
    printAdded = [];
    printRestore.forEach(function (r) { r[0].open = r[1]; r[0].hidden = r[2]; });
    printRestore = [];
  }
  function beforePrint() {
    afterPrint();
    var trainer = html.classList.contains('trainer-view');
    var answers = html.classList.contains('print-answers');
    $$('main details').forEach(function (d) {
      var isAnswer = d.classList.contains('callout-answer') || d.classList.contains('feedback');
      if (isAnswer && (!answers || d.hidden)) return;
      printRestore.push([d, d.open, d.hidden]);
      d.open = true;
      d.hidden = false;
    });

    var urls = [];
    var list = doc.createElement('ol');
    $$('main .content a[href]').forEach(function (a) {
      var href = a.getAttribute('href');
      if (!href || href.charAt(0) === '#' || a.classList.contains('term-link')) return;
      if (a.closest('.term-tip, .footnotes')) return;
      if (!trainer && a.closest('.callout-trainer')) return;
      if (!answers && a.closest('.callout-answer, .feedback')) return;
      var abs = a.href;
      var n = urls.indexOf(abs);
      if (n < 0) {
        urls.push(abs);
        n = urls.length - 1;
        var li = doc.createElement('li');
        li.textContent = abs;
        list.appendChild(li);
      }
      var ref = doc.createElement('sup');
      ref.className = 'print-ref';
      ref.textContent = '[' + (n + 1) + ']';
      a.parentNode.insertBefore(ref, a.nextSibling);
      printAdded.push(ref);
    });
    if (!urls.length) return;
    var section = doc.createElement('section');
    section.className = 'print-links';
    var h = doc.createElement('h2');
    h.textContent = t('js.links', 'Linki');
    section.appendChild(h);
    section.appendChild(list);
    ($('main .page') || $('main') || doc.body).appendChild(section);
    printAdded.push(section);
  }
  on(window, 'beforeprint', beforePrint);
  on(window, 'afterprint', afterPrint);

  /* ---------- offline reading: the build's sw.js, on http(s) only, never while authoring ---------- */

  if (/^https?:$/.test(location.protocol) && navigator.serviceWorker && !$('script[data-razem-reload]')) {
    on(window, 'load', function () {
      try {
        navigator.serviceWorker.register(root + 'sw.js').catch(function () {});
      } catch (e) { /* registration refused */ }
    });
  }
}());
