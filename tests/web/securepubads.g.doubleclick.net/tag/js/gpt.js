/* Stand-in for Google Publisher Tag (gpt.js) in Lectern's fixture web. It fills
 * the page's ad slots with a plain box and sets the first-party ad cookies
 * __gads and __gpi, as the real tag does. */
(function (w, d) {
  'use strict';
  var h = location.hostname.split('.');
  var domain = h.length > 2 ? '; domain=.' + h.slice(-2).join('.') : '';
  d.cookie = '__gads=ID=7c1e5a2b9d3f4e60:T=1795822800:RT=1795822800:S=ALNI_MZ3x; path=/; max-age=34190000' + domain;
  d.cookie = '__gpi=UID=00000c4f2a1b3d5e:T=1795822800:RT=1795822800:S=ALNI_MbQ; path=/; max-age=34190000' + domain;
  var cmd = (w.googletag && w.googletag.cmd) || [];
  w.googletag = {
    apiReady: true,
    cmd: { push: function (f) { f(); } },
    pubads: function () { return { enableSingleRequest: function () {}, setTargeting: function () { return this; } }; },
    defineSlot: function () { return { addService: function () { return this; } }; },
    enableServices: function () {},
    display: function () {}
  };
  cmd.forEach(function (f) { f(); });
  function fill() {
    Array.prototype.forEach.call(d.querySelectorAll('.ad-slot'), function (slot) {
      slot.style.cssText = 'min-height:90px;margin:1rem auto;max-width:728px;background:#eee;color:#777;' +
                           'font:12px system-ui,sans-serif;display:flex;align-items:center;justify-content:center';
      slot.textContent = 'Advertisement';
    });
  }
  if (d.readyState === 'loading')
    d.addEventListener('DOMContentLoaded', fill);
  else
    fill();
})(window, document);
