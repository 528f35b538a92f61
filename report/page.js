// report/page.js: inlined into index.html by scripts/report.sh.  Records script errors and
// console.error calls into #console-errors and, once loaded, counts each chart's marks
// (svg .mark) into its data-marks attribute, so a headless browser's --dump-dom shows both.
(function () {
  var log = [];
  function show() {
    var e = document.getElementById('console-errors');
    if (e) { e.textContent = log.join('\n'); e.setAttribute('data-count', String(log.length)); }
  }
  function rec(kind, msg) { log.push(kind + ': ' + msg); show(); }
  window.addEventListener('error', function (ev) { rec('error', ev.message || String(ev)); }, true);
  var ce = console.error;
  console.error = function () { rec('console.error', Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); };
  window.addEventListener('load', function () {
    var figs = document.querySelectorAll('figure.chart');
    for (var i = 0; i < figs.length; i++) {
      figs[i].setAttribute('data-marks', String(figs[i].querySelectorAll('svg .mark').length));
    }
    show();
    document.body.setAttribute('data-rendered', 'yes');
  });
})();
