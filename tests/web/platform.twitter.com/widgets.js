/* Stand-in for X's (Twitter's) widgets.js in Lectern's fixture web: it turns
 * share links into buttons, as the real script does with an iframe. */
(function (w, d) {
  'use strict';
  function render() {
    Array.prototype.forEach.call(d.querySelectorAll('a.twitter-share-button'), function (a) {
      a.style.cssText = 'display:inline-block;padding:2px 10px;border-radius:9999px;background:#000;color:#fff;text-decoration:none';
      a.setAttribute('data-twttr-rendered', 'true');
    });
  }
  w.twttr = { widgets: { load: render }, ready: function (f) { f(w.twttr); } };
  if (d.readyState === 'loading')
    d.addEventListener('DOMContentLoaded', render);
  else
    render();
})(window, document);
