/* Stand-in for the Reddit pixel (pixel.js) in Lectern's fixture web, with its
 * first-party cookie _rdt_uuid. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  d.cookie = '_rdt_uuid=1795822800123.4f2b8c1e-9a3d-4e7f-b6c5-2d1a0e9f8b7c; path=/; max-age=7776000' + domain;
  var queue = (w.rdt && w.rdt.callQueue) || [];
  w.rdt = function () { queue.push(arguments); };
  w.rdt.callQueue = queue;
})(window, document);
