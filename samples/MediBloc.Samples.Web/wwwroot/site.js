// Progress of long work: polls the job's status and updates the page in place (no refresh timer, so nothing
// moves under a screen reader); reloads once the work has ended. Without scripts, the page has a "Check again" link.
(function () {
  var job = document.getElementById('job');
  if (!job || !job.dataset.poll) { return; }
  var status = document.getElementById('job-status');
  var bar = document.getElementById('job-progress');
  function poll() {
    fetch(job.dataset.poll, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.finished) { window.location.reload(); return; }
        status.textContent = s.status;
        if (s.percent !== null) { bar.value = s.percent; bar.textContent = s.percent + '%'; }
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
})();
