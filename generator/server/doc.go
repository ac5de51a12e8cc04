// Package server serves a built razem site over HTTP, for `razem serve`.
//
// # Modes
//
// Authoring mode ([Options.Watch] true) is for trainers editing content. Every
// HTML response gets one extra tag before </body> (or at the end, since
// minified HTML may omit it):
//
//	<script src="/__razem/reload.js" data-build="ID" data-razem-reload defer></script>
//
// The script listens to /__razem/events (Server-Sent Events). After a good
// rebuild it gets a "reload" event and reloads the page, keeping the scroll
// position in sessionStorage. After a failed rebuild it gets an "error" event
// and shows an overlay (role=alertdialog, focusable, Escape closes it) that
// lists every diagnostic as file:line:col: message, while the server keeps
// serving the last good site. A page opened while the build is broken sees
// the overlay at once, because every new event stream starts with the current
// state. When the server restarts, the browser reconnects and reloads because
// the build ID it was served with is no longer current. Hidden tabs close
// their stream, so many open tabs do not use up the browser's six
// connections per host. /__razem/status returns the same state as JSON.
//
// Intranet mode ([Options.Watch] false) is production: no script is
// injected; responses carry ETags (content hashes, 304 on If-None-Match),
// Last-Modified, gzip for text types (a precompressed "X.gz" sibling is
// preferred), and caching that matches the file: fingerprinted assets
// (name.0123abcd.css: a dot-separated hex hash of 8 or more digits) are
// cached for a year as immutable; HTML, the service worker, the web app
// manifest and search/ are revalidated on every use ("no-cache"); other
// files for five minutes.
//
// # Security
//
// Both modes send these headers on every response:
//
//	Content-Security-Policy: default-src 'self'; img-src 'self' data:;
//	    style-src 'self'; script-src 'self'; object-src 'none';
//	    base-uri 'self'; frame-ancestors 'none'; form-action 'self'
//	X-Content-Type-Options: nosniff
//	Referrer-Policy: no-referrer
//	X-Frame-Options: DENY
//
// The policy allows only files of the site itself. The theme must therefore
// not use inline <script> code, inline <style> elements, style="" attributes
// or javascript: URLs. Data blocks such as <script type="application/json">
// or application/ld+json are not executed and are not blocked. Setting
// element.style from a script file is allowed. The authoring script and its
// stylesheet are same-origin files under /__razem/, so authoring mode needs
// no exception.
//
// The server never serves a file from outside the site. Request paths with
// "." or ".." segments (also as %2e), empty segments, backslashes, NUL or an
// encoded slash (%2f, %5c) are refused with 400 before any file is looked up.
// A site on disk should be opened with [DirFS], which uses os.Root, so a
// symbolic link that points outside the site is refused as well (os.DirFS
// would follow it). A path with a segment that starts with a dot is 404:
// razem publishes no such file but its manifest, and one found in the
// folder (a gh-pages checkout's .git) is not the site's.
//
// Authoring mode answers only requests whose Host is localhost, 127.0.0.1,
// [::1] or the address it was bound to (any IP address when bound to all
// interfaces); others get 421. Without this a web page could point a name
// of its own at 127.0.0.1 (DNS rebinding) and read the drafts and
// /__razem/status. Intranet mode answers any name.
//
// At most two searches per core run at once on /api/search; up to 1,024 more
// wait up to two seconds for a turn, and the rest get 503 with Retry-After
// (the page's script then searches its static index). 3,000 searches from
// 1,000 clients at once grew the heap by 286 MB without the limit, by 48
// MB with it, 306 of them told to retry (BenchmarkConcurrentSearches in
// cmd/razem, 1,000 pages).
//
// # Offline use
//
// [OfflineFiles] generates sw.js (a service worker) and manifest.webmanifest
// for the site root, so a learner who opened the site once can read and
// search it without a network. In authoring mode the server answers /sw.js
// with a kill switch: a worker that deletes razem's caches and unregisters
// itself. A 404 would not do, because browsers keep the installed worker
// when its update check fails, and an offline worker from an earlier
// intranet run on the same origin (localhost:1313) would go on serving
// stale pages.
package server
