/* A page that floods document.cookie: Google Analytics' client id cookie,
 * then 5,000 writes of it and 5,000 of cookies that expire at once, each
 * with another name, then the Google Analytics session cookie, once. */
(function () {
  var i;

  document.cookie = '_ga=GA1.2.531246897.1764324000; path=/; max-age=7776000';
  for (i = 0; i < 5000; i++) {
    document.cookie = '_ga=GA1.2.531246897.' + (1764324000 + i) + '; path=/; max-age=7776000';
    document.cookie = 'flood_' + i + '=1; path=/; max-age=0';
  }
  document.cookie = '_gid=GA1.2.864213579.1764324000; path=/; max-age=86400';
})();
