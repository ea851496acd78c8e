/* Stand-in for an IAB TCF v2.2 consent tool ("FairConsent") in Lectern's
 * fixture web.
 *
 * It answers the standard page API, __tcfapi(command, 2, callback): ping,
 * getTCData, addEventListener and removeEventListener, with a TC string it
 * encodes itself (core segment: every fixed field, empty vendor sections,
 * no publisher restrictions) and keeps in the euconsent-v2 cookie. Its
 * banner (#fairconsent-banner) shows while no TC string is stored. Like
 * several real tools it takes Global Privacy Control as an objection: with
 * navigator.globalPrivacyControl it records a refusal of every purpose and
 * shows no banner.
 *
 * The page's query can make it misbehave, for Lectern's tests:
 *   ?cmp=ignore  records consent to every purpose, whatever it was told
 *   ?cmp=record  records consent to the advertising purposes 2, 3, 4 and 7 anyway
 *   ?cmp=cookie  obeys, but sets an advertising cookie (_gcl_au) anyway */
(function () {
  'use strict';

  var CMP_ID = 300;
  var CMP_VERSION = 7;
  var mode = new URLSearchParams(location.search).get('cmp');
  var tcString = null;
  var eventStatus = 'cmpuishown';
  var listeners = [];
  var nextListenerId = 1;

  function readCookie(name) {
    var parts = document.cookie.split(/;\s*/);
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name)
        return parts[i].slice(eq + 1);
    }
    return null;
  }

  /* Bits, most significant first, then base64url without padding. */
  function Writer() { this.bits = []; }
  Writer.prototype.int = function (value, n) {
    for (var i = n - 1; i >= 0; i--)
      this.bits.push(Math.floor(value / Math.pow(2, i)) % 2);
  };
  Writer.prototype.field = function (set, n) {
    for (var i = 1; i <= n; i++)
      this.bits.push(set.indexOf(i) >= 0 ? 1 : 0);
  };
  Writer.prototype.letters = function (text) {
    this.int(text.charCodeAt(0) - 65, 6);
    this.int(text.charCodeAt(1) - 65, 6);
  };
  Writer.prototype.toString = function () {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var out = '';
    while (this.bits.length % 6)
      this.bits.push(0);
    for (var i = 0; i < this.bits.length; i += 6) {
      var v = 0;
      for (var j = 0; j < 6; j++)
        v = v * 2 + this.bits[i + j];
      out += alphabet[v];
    }
    return out;
  };

  function encode(purposes) {
    var now = Math.round(Date.now() / 100);
    var w = new Writer();
    w.int(2, 6);              /* Version */
    w.int(now, 36);           /* Created */
    w.int(now, 36);           /* LastUpdated */
    w.int(CMP_ID, 12);
    w.int(CMP_VERSION, 12);
    w.int(1, 6);              /* ConsentScreen */
    w.letters('EN');          /* ConsentLanguage */
    w.int(87, 12);            /* VendorListVersion */
    w.int(4, 6);              /* TcfPolicyVersion */
    w.int(1, 1);              /* IsServiceSpecific */
    w.int(0, 1);              /* UseNonStandardTexts */
    w.field([], 12);          /* SpecialFeatureOptIns */
    w.field(purposes, 24);    /* PurposesConsent */
    w.field([], 24);          /* PurposesLITransparency */
    w.int(0, 1);              /* PurposeOneTreatment */
    w.letters('GB');          /* PublisherCC */
    w.int(0, 16); w.int(0, 1);  /* vendor consents: none */
    w.int(0, 16); w.int(0, 1);  /* vendor legitimate interests: none */
    w.int(0, 12);             /* NumPubRestrictions */
    return w.toString();
  }

  function decodePurposes(string) {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var bits = [];
    for (var i = 0; i < string.length && string[i] !== '.'; i++) {
      var v = alphabet.indexOf(string[i]);
      for (var j = 5; j >= 0; j--)
        bits.push((v >> j) & 1);
    }
    var consents = {};
    for (var p = 1; p <= 24; p++)
      consents[p] = bits[152 + p - 1] === 1;
    return consents;
  }

  function tcData(listenerId) {
    var consents = tcString ? decodePurposes(tcString) : {};
    return {
      tcString: tcString || '',
      tcfPolicyVersion: 4,
      cmpId: CMP_ID,
      cmpVersion: CMP_VERSION,
      gdprApplies: true,
      eventStatus: eventStatus,
      cmpStatus: 'loaded',
      listenerId: listenerId,
      isServiceSpecific: true,
      useNonStandardTexts: false,
      publisherCC: 'GB',
      purposeOneTreatment: false,
      purpose: { consents: consents, legitimateInterests: {} },
      vendor: { consents: {}, legitimateInterests: {} },
      specialFeatureOptins: {},
      publisher: { consents: {}, legitimateInterests: {}, customPurpose: { consents: {}, legitimateInterests: {} }, restrictions: {} }
    };
  }

  function store(purposes) {
    if (mode === 'ignore')
      purposes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    else if (mode === 'record')
      purposes = purposes.concat([2, 3, 4, 7]);
    if (mode === 'cookie')
      document.cookie = '_gcl_au=1.1.730155.' + Date.now() + '; path=/; max-age=7776000; SameSite=Lax';
    tcString = encode(purposes);
    eventStatus = 'useractioncomplete';
    document.cookie = 'euconsent-v2=' + tcString + '; path=/; max-age=33696000; SameSite=Lax';
    hideBanner();
    listeners.forEach(function (l) { l.callback(tcData(l.id), true); });
  }

  function hideBanner() {
    var banner = document.getElementById('fairconsent-banner');
    if (banner)
      banner.style.display = 'none';
  }

  function showBanner() {
    var banner = document.createElement('div');
    banner.id = 'fairconsent-banner';
    banner.setAttribute('role', 'dialog');
    banner.style.cssText = 'position:fixed;inset:auto 0 0 0;z-index:2147483600;background:#10263d;color:#fff;' +
      'padding:18px 28px;font:15px/1.45 system-ui,sans-serif';
    banner.innerHTML =
      '<strong style="font-size:17px">We and our 212 partners value your privacy</strong>' +
      '<p style="margin:6px 0 12px">We store and access information on your device to show personalised ads and content, measure them, and develop our services.</p>' +
      '<button id="fairconsent-reject" type="button">Reject all</button> ' +
      '<button id="fairconsent-accept" type="button">Accept all</button>';
    document.body.appendChild(banner);
    banner.querySelector('#fairconsent-reject').addEventListener('click', function () { store([]); });
    banner.querySelector('#fairconsent-accept').addEventListener('click', function () { store([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); });
  }

  window.__tcfapi = function (command, version, callback, parameter) {
    if (typeof callback !== 'function')
      return;
    if (version !== 2) {
      callback(null, false);
      return;
    }
    switch (command) {
    case 'ping':
      callback({ gdprApplies: true, cmpLoaded: true, cmpStatus: 'loaded',
                 displayStatus: tcString ? 'hidden' : 'visible', apiVersion: '2.2',
                 cmpVersion: CMP_VERSION, cmpId: CMP_ID, gvlVersion: 87, tcfPolicyVersion: 4 }, true);
      break;
    case 'getTCData':
      callback(tcData(undefined), true);
      break;
    case 'addEventListener':
      var id = nextListenerId++;
      listeners.push({ id: id, callback: callback });
      callback(tcData(id), true);
      break;
    case 'removeEventListener':
      listeners = listeners.filter(function (l) { return l.id !== parameter; });
      callback(true);
      break;
    default:
      callback(null, false);
    }
  };

  tcString = readCookie('euconsent-v2');
  if (tcString)
    eventStatus = 'tcloaded';

  function start() {
    /* A misbehaving tool rewrites even a stored answer on each page. */
    if (tcString && (mode === 'ignore' || mode === 'record')) {
      var consents = decodePurposes(tcString);
      store(Object.keys(consents).filter(function (p) { return consents[p]; }).map(Number));
      return;
    }
    if (tcString)
      return;
    /* Global Privacy Control: an objection to every purpose, no banner. */
    if (navigator.globalPrivacyControl === true)
      store([]);
    else
      showBanner();
  }

  if (document.body)
    start();
  else
    document.addEventListener('DOMContentLoaded', start);
})();
