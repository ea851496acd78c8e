/* Moves about in the page's history while it loads and after: entries
 * pushed, one replaced, the hash changed, then back and forward. */
(function () {
  var step = 0;
  var base = location.pathname;

  function move () {
    step++;
    switch (step % 6) {
    case 1:
      history.pushState({ step: step }, "", base + "?part=" + step);
      break;
    case 2:
      history.replaceState({ step: step }, "", base + "?part=" + step + "&replaced=1");
      break;
    case 3:
      location.hash = "section-" + step;
      break;
    case 4:
      history.pushState({ step: step }, "", base + "#pushed-" + step);
      break;
    case 5:
      history.back();
      break;
    default:
      history.forward();
      break;
    }
    if (step < 24)
      setTimeout(move, step < 6 ? 0 : 100);
  }

  move ();
  window.addEventListener("DOMContentLoaded", move);
  window.addEventListener("load", move);
})();
