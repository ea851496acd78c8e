/* Stand-in for the Pinterest tag (core.js) in Lectern's fixture web, with its
 * first-party cookie _pin_unauth. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  d.cookie = '_pin_unauth=dWlkPU1qY3hZVEUwTUdFdE9EQXdaUzAwT1RrMA; path=/; max-age=31536000' + domain;
  var queue = (w.pintrk && w.pintrk.queue) || [];
  w.pintrk = function () { queue.push(arguments); };
  w.pintrk.queue = queue;
  w.pintrk.version = '3.0';
})(window, document);
