// The portal's only script; every page works without it. It tells the server the browser's time zone (dates are
// then shown in it), counts down a cooling-off, and reloads a page whose request is still moving, unless the person
// is busy on it (focus in a form field) or it is hidden.
(function () {
  'use strict';
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('tz=' + encodeURIComponent(zone)) < 0) {
      document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (e) { /* no Intl: the server's default zone stays */ }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  document.querySelectorAll('[data-until]').forEach(function (element) {
    var until = Date.parse(element.getAttribute('data-until'));
    if (isNaN(until)) { return; }
    function tick() {
      var left = Math.max(0, Math.round((until - Date.now()) / 1000));
      if (left === 0) { element.textContent = element.getAttribute('data-done') || ''; return; }
      var days = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      element.textContent = (days > 0 ? days + 'd ' : '') + two(h) + ':' + two(m) + ':' + two(s);
      setTimeout(tick, 1000);
    }
    tick();
  });

  var main = document.querySelector('[data-refresh-seconds]');
  if (main) {
    var seconds = parseInt(main.getAttribute('data-refresh-seconds'), 10) || 5;
    setInterval(function () {
      var busy = document.activeElement && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(document.activeElement.tagName);
      if (!busy && document.visibilityState === 'visible') { window.location.reload(); }
    }, seconds * 1000);
  }
})();
