/* Stand-in for Cookiebot's uc.js in Lectern's fixture web.
 *
 * It keeps the parts of Cookiebot's page API that matter to Lectern:
 * Cookiebot.consent (necessary, preferences, statistics, marketing, stamp,
 * method), consented, declined, hasResponse, submitCustomConsent(),
 * show(), hide(), renew(), the CookiebotOnAccept, CookiebotOnDecline and
 * CookiebotOnConsentReady events, and the dialog (#CybotCookiebotDialog),
 * shown while no consent is stored. The consent is kept in the
 * CookieConsent cookie with a stamp, which only Cookiebot itself writes.
 *
 * The page's query can make it misbehave, for Lectern's tests:
 *   ?cmp=ignore  records every category as accepted, whatever it is told
 *   ?cmp=record  obeys, but records marketing as accepted anyway
 *   ?cmp=cookie  obeys, but sets an advertising cookie (_gcl_au) anyway */
(function () {
  'use strict';

  var mode = new URLSearchParams(location.search).get('cmp');
  var tag = document.currentScript;
  var cbid = (tag && tag.getAttribute('data-cbid')) || '';

  function readCookie(name) {
    var parts = document.cookie.split(/;\s*/);
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name)
        return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }

  function stored() {
    var value = readCookie('CookieConsent');
    var consent = { stamp: '', necessary: true, preferences: false, statistics: false, marketing: false, method: null };
    if (!value)
      return null;
    ['preferences', 'statistics', 'marketing'].forEach(function (key) {
      var match = new RegExp(key + ':(true|false)').exec(value);
      consent[key] = !!match && match[1] === 'true';
    });
    var stamp = /stamp:'([^']*)'/.exec(value);
    consent.stamp = stamp ? stamp[1] : '';
    consent.method = 'explicit';
    return consent;
  }

  var Cookiebot = {
    cbid: cbid,
    consent: { stamp: '0', necessary: true, preferences: false, statistics: false, marketing: false, method: null },
    consented: false,
    declined: false,
    hasResponse: false,
    doNotTrack: false,
    version: 'fixture'
  };

  function dispatch(name) {
    window.dispatchEvent(new Event(name));
  }

  function apply(consent) {
    if (mode === 'ignore')
      consent.preferences = consent.statistics = consent.marketing = true;
    else if (mode === 'record')
      consent.marketing = true;
    Cookiebot.consent = consent;
    Cookiebot.hasResponse = true;
    Cookiebot.consented = consent.preferences || consent.statistics || consent.marketing;
    Cookiebot.declined = !Cookiebot.consented;
    if (mode === 'cookie')
      document.cookie = '_gcl_au=1.1.552017.' + Date.now() + '; path=/; max-age=7776000; SameSite=Lax';
  }

  function save(preferences, statistics, marketing) {
    var stamp = 'fx' + Math.random().toString(36).slice(2, 14) + '==';
    apply({ stamp: stamp, necessary: true, preferences: !!preferences, statistics: !!statistics,
            marketing: !!marketing, method: 'explicit' });
    var c = Cookiebot.consent;
    var value = "{stamp:'" + c.stamp + "',necessary:true,preferences:" + c.preferences +
                ',statistics:' + c.statistics + ',marketing:' + c.marketing +
                ",method:'explicit',ver:1,utc:" + Date.now() + ",region:'gb'}";
    document.cookie = 'CookieConsent=' + encodeURIComponent(value) + '; path=/; max-age=31536000; SameSite=Lax';
    Cookiebot.hide();
    dispatch(Cookiebot.consented ? 'CookiebotOnAccept' : 'CookiebotOnDecline');
    dispatch('CookiebotOnConsentReady');
  }

  Cookiebot.submitCustomConsent = function (preferences, statistics, marketing) {
    save(preferences, statistics, marketing);
  };

  Cookiebot.hide = function () {
    var dialog = document.getElementById('CybotCookiebotDialog');
    if (dialog)
      dialog.style.display = 'none';
  };

  Cookiebot.show = function () {
    var dialog = document.getElementById('CybotCookiebotDialog');
    if (dialog) {
      dialog.style.display = '';
      return;
    }
    dialog = document.createElement('div');
    dialog.id = 'CybotCookiebotDialog';
    dialog.setAttribute('role', 'dialog');
    dialog.style.cssText = 'position:fixed;left:50%;bottom:24px;transform:translateX(-50%);width:560px;z-index:2147483631;' +
      'background:#fff;border-radius:8px;box-shadow:0 8px 40px rgba(0,0,0,.3);padding:20px 24px;font:15px/1.45 system-ui,sans-serif;color:#141414';
    dialog.innerHTML =
      '<h2 style="margin:0 0 8px;font-size:18px">This website uses cookies</h2>' +
      '<p style="margin:0 0 14px">We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.</p>' +
      '<button id="CybotCookiebotDialogBodyButtonDecline" type="button">Deny</button> ' +
      '<button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection" type="button">Allow selection</button> ' +
      '<button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll" type="button">Allow all</button>';
    document.body.appendChild(dialog);
    dialog.querySelector('#CybotCookiebotDialogBodyButtonDecline').addEventListener('click', function () { save(false, false, false); });
    dialog.querySelector('#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll').addEventListener('click', function () { save(true, true, true); });
    dialog.querySelector('#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection').addEventListener('click', function () { save(false, false, false); });
  };

  Cookiebot.renew = function () { Cookiebot.show(); };

  window.Cookiebot = window.CookieConsent = Cookiebot;

  var previous = stored();
  if (previous)
    apply(previous);

  function start() {
    if (!Cookiebot.hasResponse)
      Cookiebot.show();
    else
      dispatch('CookiebotOnConsentReady');
    dispatch('CookiebotOnLoad');
  }

  if (document.body)
    start();
  else
    document.addEventListener('DOMContentLoaded', start);
})();
