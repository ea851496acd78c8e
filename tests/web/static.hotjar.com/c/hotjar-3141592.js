/* Stand-in for Hotjar's site script in Lectern's fixture web, with its
 * first-party cookies for site 3141592. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  d.cookie = '_hjSessionUser_3141592=eyJpZCI6IjVhMWI0YzJkIiwiY3JlYXRlZCI6MTc5NTgyMjgwMDAwMH0=; path=/; max-age=31536000' + domain;
  d.cookie = '_hjSession_3141592=eyJpZCI6IjhmMmU3YTFjIn0=; path=/; max-age=1800' + domain;
  w.hj = w.hj || function () { (w.hj.q = w.hj.q || []).push(arguments); };
  w._hjSettings = { hjid: 3141592, hjsv: 6 };
})(window, document);
