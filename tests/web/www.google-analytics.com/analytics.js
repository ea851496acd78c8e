/* Stand-in for Google Analytics (analytics.js) in Lectern's fixture web.
 * Like the real script, it keeps the client id in first-party cookies on the
 * page's own domain: _ga for two years, _gid for a day. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  if (d.cookie.indexOf('_ga=') === -1)
    d.cookie = '_ga=GA1.2.1583921046.1795822800; path=/; max-age=63072000' + domain;
  d.cookie = '_gid=GA1.2.902341177.1795822800; path=/; max-age=86400' + domain;
  var q = (w.ga && w.ga.q) || [];
  w.ga = function () { q.push(arguments); };
  w.ga.q = q;
  w.ga.loaded = true;
  w.GoogleAnalyticsObject = 'ga';
})(window, document);
