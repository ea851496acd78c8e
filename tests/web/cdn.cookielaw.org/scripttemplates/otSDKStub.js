/* Stand-in for OneTrust's otSDKStub.js in Lectern's fixture web.
 *
 * Like the real stub, it reads the site's domain script id from its own tag,
 * fetches the site's consent configuration and then loads the banner SDK,
 * which shows the banner and keeps the consent in the OptanonConsent and
 * OptanonAlertBoxClosed cookies. */
(function () {
  'use strict';

  var tag = document.currentScript;
  var id = tag && tag.getAttribute('data-domain-script');
  var base = tag ? tag.src.replace(/scripttemplates\/otSDKStub\.js.*$/, '') : 'http://cdn.cookielaw.org/';

  if (!id)
    return;

  window.OneTrustStub = { domainScript: id, version: '202410.1.0' };

  fetch(base + 'consent/' + id + '/' + id + '.json')
    .then(function (response) { return response.json(); })
    .then(function (data) {
      window.OneTrustStub.domainData = data;
      var sdk = document.createElement('script');
      sdk.src = base + 'scripttemplates/' + data.Version + '/otBannerSdk.js';
      sdk.async = true;
      document.head.appendChild(sdk);
    });
})();
