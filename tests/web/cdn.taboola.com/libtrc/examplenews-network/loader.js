/* Stand-in for Taboola's loader.js in Lectern's fixture web: it fills the
 * recommendation box with sponsored links, as the real widget does. */
(function (w, d) {
  'use strict';
  w._taboola = w._taboola || [];
  function fill() {
    var box = d.getElementById('taboola-below-article-thumbnails');
    if (!box)
      return;
    box.innerHTML = '<p style="font:12px system-ui,sans-serif;color:#777">Sponsored</p>' +
                    '<p><a href="#">You won\u2019t believe what this town did with its old tannery</a></p>';
  }
  if (d.readyState === 'loading')
    d.addEventListener('DOMContentLoaded', fill);
  else
    fill();
})(window, document);
