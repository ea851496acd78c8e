/* Stand-in for Chartbeat's chartbeat.js in Lectern's fixture web, with its
 * first-party visitor cookies _cb and _chartbeat2. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  d.cookie = '_cb=BqL9xCDr4Ejz8Kp1Q; path=/; max-age=34128000' + domain;
  d.cookie = '_chartbeat2=.1795822800123.1795822800123.1.Cz3kYbD8vH2.1; path=/; max-age=34128000' + domain;
  w.pSUPERFLY = { virtualPage: function () {} };
})(window, document);
