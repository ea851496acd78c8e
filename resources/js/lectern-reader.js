/* lectern-reader.js
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in an isolated script world of the page, after Readability,
 * Readability-readerable and DOMPurify: the page's own scripts can neither
 * see these functions nor change the DOM methods they call. Nothing here
 * touches the live document: extraction works on a clone, and sanitizing on
 * a document that has no window, so no image or script of the article is
 * fetched or run.
 */

var lecternReader = (function () {
  'use strict';

  /* Containers of consent tools and cookie notices, removed before
   * Readability scores the page, so that a banner placed inside the article
   * element cannot become part of the article. The core library checks the
   * text again afterwards. */
  var CONSENT_SELECTORS = [
    '#onetrust-consent-sdk', '#onetrust-banner-sdk', '#onetrust-pc-sdk', '.optanon-alert-box-wrapper',
    '#CybotCookiebotDialog', '#CybotCookiebotDialogBodyUnderlay', '#cookiebanner',
    '.qc-cmp2-container', '.qc-cmp-ui-container', '#qc-cmp2-container',
    '[id^="sp_message_container"]', '.fc-consent-root', '#usercentrics-root',
    '.cc-window', '.cc-banner', '#didomi-host', '.didomi-popup', '#truste-consent-track',
    '#cmpbox', '#cmpwrapper', '.cmp-container', '#gdpr-consent-tool-wrapper',
    '[aria-label*="cookie" i]', '[aria-label*="consent" i]', '[aria-describedby*="cookie" i]',
  ];

  var CONSENT_NAME = /(^|[-_\s])(cookie|cookies|consent|gdpr|cmp|onetrust|optanon|cookiebot|privacy-?banner|privacy-?notice)([-_\s]|$)/i;

  function isConsentContainer(element) {
    var names = (element.id || '') + ' ' + (typeof element.className === 'string' ? element.className : '');

    return CONSENT_NAME.test(names);
  }

  function removeConsent(doc) {
    var removed = 0;

    CONSENT_SELECTORS.forEach(function (selector) {
      doc.querySelectorAll(selector).forEach(function (element) {
        if (element !== doc.body && element !== doc.documentElement && element.parentNode) {
          element.parentNode.removeChild(element);
          removed++;
        }
      });
    });

    /* Named like a consent container, and no bigger than one: an article
     * whose wrapper merely mentions "consent" in a class keeps its text. */
    doc.querySelectorAll('[id], [class]').forEach(function (element) {
      if (element === doc.body || element === doc.documentElement || !element.parentNode)
        return;
      if (!isConsentContainer(element))
        return;
      if (element.querySelector('article, main, h1') !== null)
        return;
      element.parentNode.removeChild(element);
      removed++;
    });

    return removed;
  }

  /* Readability's check wants paragraphs of 140 characters; in Chinese or
   * Japanese that is a long paragraph, so pages mostly written in those
   * scripts are checked against a length of about the same reading time. */
  function isMostlyCJK(doc) {
    var text = doc.body ? doc.body.textContent.slice(0, 20000) : '';
    var cjk = text.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g);
    var letters = text.match(/[A-Za-z\u00c0-\u024f\u0400-\u04ff]/g);
    var n_cjk = cjk ? cjk.length : 0;
    var n_letters = letters ? letters.length : 0;

    return n_cjk > 0 && n_cjk >= n_letters;
  }

  function readerable() {
    if (isProbablyReaderable(document))
      return true;

    return isMostlyCJK(document) && isProbablyReaderable(document, { minContentLength: 40, minScore: 20 });
  }

  function stringOrNull(value) {
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  function extract() {
    var clone;
    var article;
    var inert;
    var clean;
    var removed;

    if (!readerable())
      return JSON.stringify({ readerable: false });

    clone = document.cloneNode(true);
    removed = removeConsent(clone);
    article = new Readability(clone, { keepClasses: false }).parse();

    if (article === null || typeof article.content !== 'string' || article.content.length === 0)
      return JSON.stringify({ readerable: false });

    /* A document without a window: parsing into it loads nothing. */
    inert = document.implementation.createHTMLDocument('');
    clean = DOMPurify.sanitize(article.content, {
      FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'object',
                    'embed', 'video', 'audio', 'source', 'track', 'svg', 'math', 'link', 'meta', 'base'],
      FORBID_ATTR: ['style', 'class', 'srcdoc', 'ping', 'background', 'poster'],
      ALLOWED_URI_REGEXP: /^(?:https?:|data:image\/(?:png|gif|jpeg|webp);|#)/i,
    });
    inert.body.innerHTML = clean;

    /* The core library reads this with an XML parser: XHTML, without the
     * characters XML forbids. */
    return JSON.stringify({
      readerable: true,
      url: document.URL,
      title: stringOrNull(article.title),
      byline: stringOrNull(article.byline),
      siteName: stringOrNull(article.siteName),
      publishedTime: stringOrNull(article.publishedTime),
      lang: stringOrNull(article.lang),
      dir: stringOrNull(article.dir),
      excerpt: stringOrNull(article.excerpt),
      consentRemoved: removed,
      content: new XMLSerializer().serializeToString(inert.body)
                 .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''),
    });
  }

  return { readerable: readerable, extract: extract };
})();
