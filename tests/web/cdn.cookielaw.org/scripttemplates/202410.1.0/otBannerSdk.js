/* Stand-in for OneTrust's otBannerSdk.js in Lectern's fixture web.
 *
 * It keeps the parts of OneTrust's page API that consent tools and Lectern
 * rely on: OneTrust.GetDomainData().Groups, OneTrust.UpdateConsent,
 * AllowAll, RejectAll, IsAlertBoxClosed, window.OnetrustActiveGroups, the
 * OneTrustGroupsUpdated event and OptanonWrapper; and the banner with its
 * usual element ids.
 *
 * The page's query can make it misbehave, for Lectern's tests:
 *   ?cmp=ignore  ignores the stored choice and UpdateConsent: every group granted
 *   ?cmp=record  obeys, but records the advertising group as granted anyway
 *   ?cmp=cookie  obeys, but sets an advertising cookie (_gcl_au) anyway */
(function () {
  'use strict';

  var data = (window.OneTrustStub && window.OneTrustStub.domainData) || { Groups: [] };
  var groups = data.Groups.map(function (g) { return g.CustomGroupId; });
  var consent = {};
  var mode = new URLSearchParams(location.search).get('cmp');
  var advertising = data.Groups.filter(function (g) { return /advertis|targeting|marketing/i.test(g.GroupName); })
                               .map(function (g) { return g.CustomGroupId; });

  /* What a misbehaving tool does to the choice it was given. */
  function misbehave() {
    if (mode === 'ignore')
      groups.forEach(function (id) { consent[id] = true; });
    else if (mode === 'record')
      advertising.forEach(function (id) { consent[id] = true; });
  }

  function readCookie(name) {
    var parts = document.cookie.split(/;\s*/);
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name)
        return parts[i].slice(eq + 1);
    }
    return null;
  }

  function parseConsent() {
    var cookie = readCookie('OptanonConsent');
    var match = cookie && /(?:^|&)groups=([^&]*)/.exec(cookie);
    groups.forEach(function (id) { consent[id] = id === 'C0001'; });
    if (!match)
      return;
    decodeURIComponent(match[1]).split(',').forEach(function (pair) {
      var kv = pair.split(':');
      if (kv[0] in consent && kv[0] !== 'C0001')
        consent[kv[0]] = kv[1] === '1';
    });
  }

  function activeGroups() {
    return ',' + groups.filter(function (id) { return consent[id]; }).join(',') + ',';
  }

  function publish() {
    misbehave();
    if (mode === 'cookie')
      document.cookie = '_gcl_au=1.1.829301.' + Date.now() + '; path=/; max-age=7776000; SameSite=Lax';
    window.OnetrustActiveGroups = window.OptanonActiveGroups = activeGroups();
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({ event: 'OneTrustGroupsUpdated', OnetrustActiveGroups: window.OnetrustActiveGroups });
    window.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: window.OnetrustActiveGroups.split(',').filter(Boolean) }));
    if (typeof window.OptanonWrapper === 'function')
      window.OptanonWrapper();
  }

  function save() {
    var pairs = groups.map(function (id) { return id + ':' + (consent[id] ? 1 : 0); }).join(',');
    var value = 'isGpcEnabled=' + (navigator.globalPrivacyControl ? 1 : 0) +
                '&datestamp=' + encodeURIComponent(new Date().toString()) +
                '&version=' + data.Version +
                '&isIABGlobal=false&hosts=&landingPath=NotLandingPage' +
                '&groups=' + encodeURIComponent(pairs);
    /* A cookie of the whole site, as OneTrust writes it. */
    var domain = data.Domain && location.hostname.endsWith('.' + data.Domain) ? '; domain=' + data.Domain : '';
    var year = domain + '; path=/; max-age=31536000; SameSite=Lax';
    document.cookie = 'OptanonConsent=' + value + year;
    document.cookie = 'OptanonAlertBoxClosed=' + new Date().toISOString() + year;
    hideBanner();
    publish();
  }

  function hideBanner() {
    var sdk = document.getElementById('onetrust-consent-sdk');
    if (sdk)
      sdk.style.display = 'none';
  }

  function setAll(on) {
    groups.forEach(function (id) { consent[id] = on || id === 'C0001'; });
    save();
  }

  function showBanner() {
    var sdk = document.createElement('div');
    sdk.id = 'onetrust-consent-sdk';
    sdk.innerHTML =
      '<div id="onetrust-banner-sdk" role="region" aria-label="Cookie banner" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483645;' +
      'background:#fff;border-top:1px solid #ccc;box-shadow:0 -2px 12px rgba(0,0,0,.15);padding:16px 24px;font:15px/1.4 system-ui,sans-serif;color:#222">' +
      '<h2 id="onetrust-policy-title" style="margin:0 0 6px;font-size:17px"></h2>' +
      '<p id="onetrust-policy-text" style="margin:0 0 12px"></p>' +
      '<div id="onetrust-button-group">' +
      '<button id="onetrust-pc-btn-handler" type="button">Cookie settings</button> ' +
      '<button id="onetrust-reject-all-handler" type="button">Reject all</button> ' +
      '<button id="onetrust-accept-btn-handler" type="button">Accept all cookies</button>' +
      '</div>' +
      '<div id="onetrust-pc-sdk" hidden style="margin-top:12px"></div>' +
      '</div>';
    sdk.querySelector('#onetrust-policy-title').textContent = data.BannerTitle || '';
    sdk.querySelector('#onetrust-policy-text').textContent = data.AlertNoticeText || '';
    document.body.appendChild(sdk);

    sdk.querySelector('#onetrust-accept-btn-handler').addEventListener('click', function () { setAll(true); });
    sdk.querySelector('#onetrust-reject-all-handler').addEventListener('click', function () { setAll(false); });
    sdk.querySelector('#onetrust-pc-btn-handler').addEventListener('click', function () {
      var pc = sdk.querySelector('#onetrust-pc-sdk');
      pc.textContent = '';
      data.Groups.forEach(function (g) {
        var label = document.createElement('label');
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = consent[g.CustomGroupId];
        box.disabled = g.CustomGroupId === 'C0001';
        box.addEventListener('change', function () { consent[g.CustomGroupId] = box.checked; });
        label.appendChild(box);
        label.appendChild(document.createTextNode(' ' + g.GroupName + ' '));
        pc.appendChild(label);
      });
      var confirm = document.createElement('button');
      confirm.type = 'button';
      confirm.className = 'save-preference-btn-handler';
      confirm.textContent = 'Confirm my choices';
      confirm.addEventListener('click', save);
      pc.appendChild(confirm);
      pc.hidden = false;
    });
  }

  parseConsent();

  window.OneTrust = {
    GetDomainData: function () { return data; },
    IsAlertBoxClosed: function () { return readCookie('OptanonAlertBoxClosed') !== null; },
    AllowAll: function () { setAll(true); },
    RejectAll: function () { setAll(false); },
    UpdateConsent: function (kind, value) {
      if (kind !== 'Category')
        return;
      var kv = String(value).split(':');
      if (kv[0] in consent && kv[0] !== 'C0001') {
        consent[kv[0]] = kv[1] === '1';
        save();
      }
    },
    ToggleInfoDisplay: function () {
      var button = document.getElementById('onetrust-pc-btn-handler');
      if (button)
        button.click();
    }
  };
  window.Optanon = window.OneTrust;

  function start() {
    if (!window.OneTrust.IsAlertBoxClosed())
      showBanner();
    publish();
  }

  if (document.body)
    start();
  else
    document.addEventListener('DOMContentLoaded', start);
})();
