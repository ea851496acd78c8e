/* A stand-in for a CookieYes banner, written for Lectern's tests (no vendor
 * code): the same markup hooks (.cky-consent-container and buttons tagged
 * data-cky-tag="accept-button", "reject-button", "settings-button") and the
 * same kind of consent cookie ("cookieyes-consent", one flag per category).
 *
 * Once answered, later visits get the banner still in the page but hidden
 * (class cky-hide), as CookieYes does: the tool is there, its banner is not.
 *
 * ?cmp=ignore makes it misbehave: after "Reject All" it sets the Google Ads
 * cookie _gcl_au anyway. */
(function () {
  'use strict';

  var ignoreChoice = /[?&]cmp=ignore(&|$)/.test (location.search);
  var CATEGORIES = ['functional', 'analytics', 'performance', 'advertisement', 'other'];

  function storedConsent () {
    var match = document.cookie.match (/(?:^|;\s*)cookieyes-consent=([^;]*)/);

    return match ? match[1] : null;
  }

  function setAdsCookie () {
    document.cookie = '_gcl_au=1.1.1837465920.1764288000; path=/; max-age=7776000';
  }

  function save (granted) {
    var parts = ['consentid:tt' + Date.now ().toString (36), 'consent:' + (granted ? 'yes' : 'no'),
                 'action:yes', 'necessary:yes'];

    CATEGORIES.forEach (function (name) {
      parts.push (name + ':' + (granted ? 'yes' : 'no'));
    });
    document.cookie = 'cookieyes-consent=' + parts.join (',') + '; path=/; max-age=31536000';
    document.documentElement.dataset.consent = granted ? 'accepted' : 'rejected';

    if (granted || ignoreChoice)
      setAdsCookie ();

    var banner = document.querySelector ('.cky-consent-container');
    if (banner)
      banner.remove ();
  }

  function addBanner (hidden) {
    var banner = document.createElement ('div');

    banner.className = 'cky-consent-container cky-banner-bottom' + (hidden ? ' cky-hide' : '');
    banner.setAttribute ('role', 'region');
    banner.setAttribute ('aria-label', 'We value your privacy');
    banner.innerHTML =
      '<div class="cky-consent-bar"><div class="cky-notice">' +
      '<p class="cky-title">We value your privacy</p>' +
      '<p class="cky-notice-des">We use cookies to improve your experience, measure our audience ' +
      'and show advertising. Choose “Accept All” to consent to all cookies.</p>' +
      '<div class="cky-notice-btn-wrapper">' +
      '<button class="cky-btn cky-btn-customize" data-cky-tag="settings-button">Customise</button>' +
      '<button class="cky-btn cky-btn-reject" data-cky-tag="reject-button">Reject All</button>' +
      '<button class="cky-btn cky-btn-accept" data-cky-tag="accept-button">Accept All</button>' +
      '</div></div></div>';

    banner.querySelector ('[data-cky-tag="reject-button"]').addEventListener ('click', function () { save (false); });
    banner.querySelector ('[data-cky-tag="accept-button"]').addEventListener ('click', function () { save (true); });
    document.body.appendChild (banner);
  }

  var stored = storedConsent ();

  addBanner (stored !== null);
  if (stored === null)
    document.documentElement.dataset.consent = 'asked';
  else
    document.documentElement.dataset.consent = stored.indexOf ('consent:yes') >= 0 ? 'accepted' : 'rejected';
})();
