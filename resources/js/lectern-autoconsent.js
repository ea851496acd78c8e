/* lectern-autoconsent.js
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs first, in the isolated script world where DuckDuckGo's autoconsent
 * content script (autoconsent.playwright.js) runs after it, in every frame.
 * That script sends its messages through window.autoconsentSendMessage and
 * takes answers through window.autoconsentReceiveMessage; both live on this
 * world's window, which the page's own scripts cannot see. Messages go to
 * Lectern through a script message handler registered for this world only,
 * and Lectern's answer to each one comes back as the reply to its post
 * (LECTERN_IPC_AUTOCONSENT in src/core/lectern-ipc.h).
 */

(function () {
  'use strict';

  var handlers = window.webkit && window.webkit.messageHandlers;
  var handler = handlers && handlers.lecternAutoconsent;
  var isTop = window === window.top;

  if (!handler)
    return;

  window.autoconsentSendMessage = function (message) {
    /* Reports repeat the state after every step: Lectern needs only the
     * steps themselves, so they never cross to the app. */
    if (message === null || typeof message !== 'object' || message.type === 'report')
      return Promise.resolve();

    return handler.postMessage(JSON.stringify({ top: isTop, url: location.href, message: message })).then(function (reply) {
      if (typeof reply !== 'string' || reply === '' || !window.autoconsentReceiveMessage)
        return;

      return window.autoconsentReceiveMessage(JSON.parse(reply));
    }).catch(function () {
      /* The page went away, or Lectern refused the message: autoconsent
       * times out on its own. */
    });
  };
})();
