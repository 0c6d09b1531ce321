// assay web UI: the only script the pages load (the CSP allows no other). It sorts tables by a
// column, filters flipped examples in an embedded report by tag, and follows a running run's
// progress through server-sent events. It only reads text the server already escaped, and writes
// with textContent, never innerHTML.
(function () {
  'use strict';

  function sortable(table) {
    var heads = table.querySelectorAll('th[data-sort]');
    heads.forEach(function (th) {
      th.classList.add('clickable');
      th.addEventListener('click', function () {
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var numeric = th.getAttribute('data-sort') === 'num';
        var ascending = th.getAttribute('data-dir') !== 'asc';
        heads.forEach(function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', ascending ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent.trim();
          var y = b.cells[index].textContent.trim();
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function flipFilter() {
    var s = document.getElementById('flip-filter');
    if (!s) { return; }
    s.addEventListener('change', function () {
      var v = s.value;
      document.querySelectorAll('tr[data-tags]').forEach(function (r) {
        r.hidden = v !== '' && r.getAttribute('data-tags').split('\n').indexOf(v) < 0;
      });
    });
  }

  function live() {
    var box = document.getElementById('live');
    if (!box || box.getAttribute('data-status') !== 'running' || !window.EventSource) { return; }
    var id = box.getAttribute('data-run');
    var source = new EventSource('/api/v1/runs/' + encodeURIComponent(id) + '/events');
    source.addEventListener('progress', function (e) {
      var p = JSON.parse(e.data);
      document.getElementById('live-stored').textContent = String(p.stored);
      document.getElementById('live-ok').textContent = String(p.ok);
      document.getElementById('live-errors').textContent = String(p.errors);
      document.getElementById('live-status').textContent = String(p.status);
      var means = Object.keys(p.means).map(function (k) {
        var v = p.means[k];
        return k + ' ' + (typeof v === 'number' ? v.toFixed(4) : '·');
      });
      document.getElementById('live-means').textContent = means.join(', ');
      box.setAttribute('data-status', p.status);
      if (p.status !== 'running') {
        source.close();
        window.setTimeout(function () { window.location.reload(); }, 500);
      }
    });
    source.addEventListener('gone', function () { source.close(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('table.sortable').forEach(sortable);
    flipFilter();
    live();
  });
})();
