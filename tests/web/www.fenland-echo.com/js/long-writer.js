/* A script that writes an analytics cookie in an assignment of more than
 * 8,192 characters (a long attribute the browser ignores), too long for
 * Lectern to read whole. */
(function () {
  var padding = new Array (10001).join ('a');

  document.cookie = '_gid=GA1.2.864213579.1764324000; path=/; max-age=86400; x-padding=' + padding;
})();
