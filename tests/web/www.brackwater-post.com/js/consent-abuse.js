/* A page that imitates a consent tool to keep Lectern's consent agent
 * busy; ?case= picks how. Lectern must give up on the tool, say it cannot
 * trust it, and carry on as if the page had none. */
(function () {
  var which = new URLSearchParams (location.search).get ('case');

  function group (id, name) {
    return { CustomGroupId: id, OptanonGroupId: id, GroupName: name };
  }

  function standardGroups () {
    return [group ('C0001', 'Strictly Necessary Cookies'), group ('C0002', 'Performance Cookies'),
            group ('C0003', 'Functional Cookies'), group ('C0004', 'Targeting Cookies'),
            group ('C0005', 'Social Media Cookies')];
  }

  function oneTrust (groups, active) {
    window.OneTrust = {
      GetDomainData: function () { return { Groups: groups }; },
      UpdateConsent: function () {},
      IsAlertBoxClosed: function () { return true; }
    };
    window.OnetrustActiveGroups = active;
  }

  if (which === 'groups') {
    /* 150,000 consent groups. */
    var many = [];
    for (var i = 0; i < 150000; i++)
      many.push (group ('G' + i, 'Group ' + i));
    oneTrust (many, ',C0001,');
  } else if (which === 'json') {
    /* 200 groups whose names are a thousand characters long. */
    var wordy = [];
    var name = new Array (1001).join ('n');
    for (var j = 0; j < 200; j++)
      wordy.push (group ('G' + j, name));
    oneTrust (wordy, ',C0001,');
  } else if (which === 'string') {
    /* Twelve million characters of active groups. */
    oneTrust (standardGroups (), new Array (2000001).join ('C0001,'));
  } else if (which === 'slow') {
    /* Sixty groups, each of whose names takes 50 ms to read. */
    var slow = [];
    for (var k = 0; k < 60; k++) {
      var g = { CustomGroupId: 'G' + k };
      Object.defineProperty (g, 'GroupName', {
        enumerable: true,
        get: function () {
          var until = Date.now () + 50;
          while (Date.now () < until) {}
          return 'Performance Cookies';
        }
      });
      slow.push (g);
    }
    oneTrust (slow, ',C0001,');
  } else if (which === 'cyclic') {
    /* Groups that are the list itself, and a list that holds itself. */
    var cycle = [];
    for (var m = 0; m < 10; m++)
      cycle.push (cycle);
    oneTrust (cycle, ',C0001,');
  } else if (which === 'getter') {
    /* Groups whose every member throws. */
    var throwing = [];
    for (var n = 0; n < 5; n++) {
      var t = {};
      ['CustomGroupId', 'OptanonGroupId', 'GroupName'].forEach (function (key) {
        Object.defineProperty (t, key, { enumerable: true, get: function () { throw new Error ('no ' + key); } });
      });
      throwing.push (t);
    }
    oneTrust (throwing, ',C0001,');
  } else if (which === 'tcf') {
    /* A TCF API that calls back 100,000 times, each time with another
     * string that is no TC string. */
    window.__tcfapi = function (command, version, callback) {
      if (command !== 'addEventListener')
        return;
      for (var i = 0; i < 100000; i++)
        callback ({ tcString: 'not-a-tc-string-' + i, eventStatus: 'tcloaded', gdprApplies: true }, true);
    };
  }
}) ();
