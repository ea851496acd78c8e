/* Stand-in for Amazon Publisher Services (apstag.js) in Lectern's fixture web:
 * the header-bidding API, answering every bid request with no bids. */
(function (w) {
  'use strict';
  w.apstag = {
    init: function () {},
    fetchBids: function (config, callback) { if (callback) callback([]); },
    setDisplayBids: function () {}
  };
})(window);
