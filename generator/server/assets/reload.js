// razem serve, authoring mode: reload the page after a good rebuild, show
// the build errors after a bad one. Served from /__razem/reload.js and
// added to every page by the server; never part of the built site.
(function () {
  'use strict';
  var script = document.currentScript;
  var pageBuild = script && script.getAttribute('data-build');
  var scrollKey = 'razem:scroll:' + location.pathname + location.search;
  var en = /^en\b/i.test(document.documentElement.lang || '');
  var text = en ? {
    title: 'The site did not build',
    desc: 'The last good version is still being served. Fix the files below; the page reloads by itself.',
    close: 'Close'
  } : {
    title: 'Błąd budowania strony',
    desc: 'Nadal wyświetlana jest ostatnia poprawna wersja. Popraw poniższe pliki, a strona odświeży się sama.',
    close: 'Zamknij'
  };
  var source = null;
  var overlay = null;
  var lastFocus = null;

  function restoreScroll() {
    var saved;
    try { saved = JSON.parse(sessionStorage.getItem(scrollKey) || 'null'); } catch (e) { saved = null; }
    if (!saved) return;
    window.scrollTo(saved.x, saved.y);
    // Images and fonts can still move the layout: try once more when loaded.
    window.addEventListener('load', function () {
      window.scrollTo(saved.x, saved.y);
      try { sessionStorage.removeItem(scrollKey); } catch (e) { /* private mode */ }
    });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage full or disabled: reload anyway */ }
    location.reload();
  }

  function position(d) {
    var s = d.file || '';
    if (d.line > 0) {
      s += ':' + d.line;
      if (d.col > 0) s += ':' + d.col;
    }
    return s;
  }

  function hide() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus({ preventScroll: true });
  }

  function onKey(ev) {
    if (!overlay) return;
    if (ev.key === 'Escape') {
      ev.preventDefault();
      hide();
    } else if (ev.key === 'Tab') {
      // aria-modal: keep focus inside; the close button is its only control.
      ev.preventDefault();
      overlay.querySelector('button').focus({ preventScroll: true });
    }
  }

  // show builds the overlay with textContent only: diagnostics quote
  // author input and must never be parsed as HTML.
  function show(diags) {
    hide();
    lastFocus = document.activeElement;
    overlay = document.createElement('div');
    overlay.id = 'razem-overlay';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', 'razem-overlay-title');
    overlay.setAttribute('aria-describedby', 'razem-overlay-desc');
    overlay.setAttribute('lang', en ? 'en' : 'pl');
    overlay.tabIndex = -1;

    var box = document.createElement('div');
    box.className = 'razem-overlay-box';
    var h = document.createElement('h2');
    h.id = 'razem-overlay-title';
    h.textContent = text.title + ' (' + diags.length + ')';
    var p = document.createElement('p');
    p.id = 'razem-overlay-desc';
    p.textContent = text.desc;
    var list = document.createElement('ol');
    diags.forEach(function (d) {
      var li = document.createElement('li');
      var code = document.createElement('code');
      code.textContent = position(d);
      li.appendChild(code);
      li.appendChild(document.createTextNode(': ' + d.message));
      list.appendChild(li);
    });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = text.close;
    close.addEventListener('click', hide);

    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(list);
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    // Without preventScroll, focusing inside the fixed overlay scrolls the
    // page underneath, and the next reload would restore the wrong place.
    close.focus({ preventScroll: true });
  }

  function parse(ev) {
    try { return JSON.parse(ev.data); } catch (e) { return null; }
  }

  function connect() {
    if (source || !window.EventSource) return;
    source = new EventSource('/__razem/events');
    source.addEventListener('hello', function (ev) {
      var st = parse(ev);
      // Built again while this page was open but not listening (hidden
      // tab, server restart): catch up.
      if (st && pageBuild && st.build !== pageBuild) reload();
    });
    source.addEventListener('reload', reload);
    source.addEventListener('error', function (ev) {
      // "error" is also EventSource's own name for a lost connection;
      // only server-sent errors carry data.
      if (!ev.data) {
        if (source && source.readyState === EventSource.CLOSED) {
          source = null;
          setTimeout(connect, 1000);
        }
        return;
      }
      var st = parse(ev);
      if (st && st.diagnostics && st.diagnostics.length) show(st.diagnostics);
      else hide();
    });
  }

  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/__razem/reload.css';
  document.head.appendChild(css);
  document.addEventListener('keydown', onKey);
  // A browser allows six connections per host over HTTP/1.1; streams of
  // hidden tabs would starve the visible one.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) disconnect(); else connect();
  });
  restoreScroll();
  if (!document.hidden) connect();
})();
