/* razem's SCORM runtime adapter, on each SCO's launch page (see
   generator/export/scorm.go). It finds the LMS's API in a parent or opener
   window (API for SCORM 1.2, API_1484_11 for 2004), starts the session,
   reports a page completed once it is shown and an exercise's score as the
   learner checks answers (site.js sends razem:score), and ends the session
   when the page goes away. Without an LMS the page just shows the step. */
(function () {
  'use strict';
  var body = document.body;
  var v12 = body.getAttribute('data-scorm') === '1.2';
  var exercise = body.getAttribute('data-kind') === 'exercise';
  var frame = document.querySelector('.lms-frame');

  function find(win) {
    for (var i = 0; win && i < 12; i++) {
      try {
        var api = v12 ? win.API : win.API_1484_11;
        if (api) return api;
      } catch (e) { /* another origin: keep looking */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = find(window) || (window.opener ? find(window.opener) : null);
  if (!api) return;

  function call(name12, name04, a, b) {
    try { return api[v12 ? name12 : name04](a, b); } catch (e) { return ''; }
  }
  function set(key12, key04, value) { call('LMSSetValue', 'SetValue', v12 ? key12 : key04, String(value)); }
  function get(key12, key04) { return String(call('LMSGetValue', 'GetValue', v12 ? key12 : key04) || ''); }
  function commit() { call('LMSCommit', 'Commit', ''); }

  var started = new Date().getTime();
  var finished = false;
  call('LMSInitialize', 'Initialize', '');
  var before = get('cmi.core.lesson_status', 'cmi.completion_status');
  if (exercise) {
    if (before !== 'passed' && before !== 'completed') set('cmi.core.lesson_status', 'cmi.completion_status', 'incomplete');
  }
  commit();

  function score(e) {
    var d = e.detail || {};
    if (!d.max) return;
    var raw = Math.round(100 * d.score / d.max);
    set('cmi.core.score.min', 'cmi.score.min', 0);
    set('cmi.core.score.max', 'cmi.score.max', 100);
    set('cmi.core.score.raw', 'cmi.score.raw', raw);
    if (v12) {
      set('cmi.core.lesson_status', '', d.passed ? 'passed' : 'incomplete');
    } else {
      set('', 'cmi.score.scaled', (raw / 100).toFixed(2));
      set('', 'cmi.success_status', d.passed ? 'passed' : 'unknown');
      set('', 'cmi.completion_status', d.passed ? 'completed' : 'incomplete');
    }
    commit();
  }

  function shown() {
    var d = null;
    try { d = frame.contentDocument; } catch (e) { d = null; }
    if (d) d.addEventListener('razem:score', score);
    if (!exercise) {
      set('cmi.core.lesson_status', 'cmi.completion_status', 'completed');
      commit();
    }
  }
  if (frame) frame.addEventListener('load', shown);

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function finish() {
    if (finished) return;
    finished = true;
    var s = Math.round((new Date().getTime() - started) / 1000);
    if (v12) set('cmi.core.session_time', '', pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60));
    else set('', 'cmi.session_time', 'PT' + s + 'S');
    commit();
    call('LMSFinish', 'Terminate', '');
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
}());
