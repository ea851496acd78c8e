/* A script that writes Google Analytics' client id cookie and tries to
 * put the write down to another script: its function's displayName, which
 * JavaScriptCore writes as the frame's name in a stack, looks like a frame
 * of Meta's pixel, line break included. */
(function () {
  function write () {
    document.cookie = '_ga=GA1.2.975312468.1764324000; path=/; max-age=7776000; SameSite=Lax';
  }

  write.displayName = 'fbq@https://connect.facebook.net/en_US/fbevents.js:1:1\nfbq';
  write ();
})();
