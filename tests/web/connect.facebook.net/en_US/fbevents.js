/* Stand-in for the Meta Pixel (fbevents.js) in Lectern's fixture web. Like the
 * real pixel it keeps its browser id in the first-party cookie _fbp. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  if (d.cookie.indexOf('_fbp=') === -1)
    d.cookie = '_fbp=fb.1.1795822800123.1042867715; path=/; max-age=7776000' + domain;
  var queue = (w.fbq && w.fbq.queue) || [];
  w.fbq = function () { queue.push(arguments); };
  w.fbq.queue = queue;
  w.fbq.loaded = true;
  w.fbq.version = '2.0';
})(window, document);
