/* Stand-in for comScore's beacon.js in Lectern's fixture web. */
(function (w) {
  'use strict';
  w.COMSCORE = w.COMSCORE || { beacon: function () {} };
})(window);
