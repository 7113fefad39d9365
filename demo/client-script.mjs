// Browser-side script inlined in every portal page. It mimics WHMCS's js/scripts.js: links with
// class `open-modal` load their target by XHR into `#modalAjax`, and the global dialogSubmit()
// posts the modal's form by fetch and replaces the modal body with the answer.

/** Plain ES2017 source, inserted as-is inside a `<script>` element. */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var XHR = { 'X-Requested-With': 'XMLHttpRequest' };

  // The six one-digit boxes of the "split" style post nothing themselves; their digits are
  // joined into the hidden verifykey field before any submission.
  function joinSplitDigits(form) {
    var boxes = form.querySelectorAll('.split-digits input');
    var target = form.querySelector('input[type=hidden][name=verifykey]');
    if (!boxes.length || !target) return;
    var code = '';
    for (var i = 0; i < boxes.length; i++) code += boxes[i].value.trim();
    target.value = code;
  }

  // innerHTML does not run scripts; re-create them like jQuery's .html() does, so the
  // canvas-drawing and split-box scripts of a step also run inside the modal.
  function runScripts(root) {
    var olds = root.querySelectorAll('script');
    for (var i = 0; i < olds.length; i++) {
      var s = document.createElement('script');
      s.textContent = olds[i].textContent;
      olds[i].parentNode.replaceChild(s, olds[i]);
    }
  }

  function modal() { return document.getElementById('modalAjax'); }

  function showInModal(html) {
    var m = modal();
    var body = m.querySelector('.modal-body');
    body.innerHTML = html;
    runScripts(body);
    m.hidden = false;
    var focus = body.querySelector('[autofocus]');
    if (focus) focus.focus();
  }

  function loadIntoModal(url, init) {
    var opts = init || {};
    opts.headers = Object.assign({}, XHR, opts.headers || {});
    opts.credentials = 'same-origin';
    return fetch(url, opts).then(function (r) { return r.text(); }).then(showInModal, function () {
      showInModal('<div class="alert alert-danger" role="alert">The page could not be loaded. Please try again.</div>');
    });
  }

  function postForm(form) {
    joinSplitDigits(form);
    var m = modal();
    if (m && !m.hidden && m.contains(form)) {
      var data = new URLSearchParams(new FormData(form));
      return loadIntoModal(form.getAttribute('action') || location.pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: data.toString()
      });
    }
    form.submit();
  }

  // Global, as in WHMCS: the step-2 Submit button calls dialogSubmit().
  window.dialogSubmit = function () {
    var m = modal();
    var scope = m && !m.hidden ? m : document;
    var form = scope.querySelector('form.two-factor-form') || scope.querySelector('form');
    if (form) postForm(form);
  };

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var m = modal();
    if (m && !m.hidden && m.contains(form)) { e.preventDefault(); postForm(form); return; }
    joinSplitDigits(form);
  }, true);

  document.addEventListener('click', function (e) {
    var t = e.target;
    var link = t && t.closest ? t.closest('a.open-modal') : null;
    if (link && modal()) { e.preventDefault(); loadIntoModal(link.getAttribute('href')); return; }
    var close = t && t.closest ? t.closest('[data-dismiss=modal]') : null;
    if (close && modal()) { modal().hidden = true; if (close.hasAttribute('data-reload')) location.reload(); }
  });
})();
`;
