/* A stand-in for an analytics snippet that ignores the reader's choice:
 * it writes Google Analytics' client id cookie from script. */
(function () {
  var id = 'GA1.2.' + 246813579 + '.' + 1764324000;
  document.cookie = '_ga=' + id + '; path=/; max-age=7776000; SameSite=Lax';
})();
