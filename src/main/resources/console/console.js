// The console's few lines of script, next to htmx.
// - The console token lives in this tab only (sessionStorage) and goes with htmx's requests as X-Console-Token, a
//   header no cross-site form can send. Actions without it are refused by the service.
// - Writes go as JSON (the service takes no form posts from browsers: those are what cross-site pages can send), by a
//   small htmx extension: the parameters of a form become one JSON object, and a button's post has an empty body.
// - A refused action shows the service's message.
(function () {
  var KEY = 'avsConsoleToken';
  htmx.defineExtension('avs-json', {
    onEvent: function (name, event) {
      if (name === 'htmx:configRequest' && event.detail.verb !== 'get') {
        event.detail.headers['Content-Type'] = 'application/json';
      }
    },
    encodeParameters: function (xhr, parameters, element) {
      var object = {};
      parameters.forEach(function (value, key) { object[key] = value; });
      return Object.keys(object).length === 0 ? '' : JSON.stringify(object);
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    var input = document.getElementById('console-token');
    if (input) {
      input.value = sessionStorage.getItem(KEY) || '';
      input.addEventListener('input', function () { sessionStorage.setItem(KEY, input.value); });
    }
  });
  document.addEventListener('htmx:configRequest', function (event) {
    var token = sessionStorage.getItem(KEY);
    if (token) { event.detail.headers['X-Console-Token'] = token; }
  });
  document.addEventListener('htmx:responseError', function (event) {
    var target = document.getElementById('action-result');
    if (!target) { return; }
    var message = event.detail.xhr.status + ' ';
    try { message += JSON.parse(event.detail.xhr.responseText).message; } catch (e) { message += event.detail.xhr.statusText; }
    target.textContent = message;
    target.className = 'refused';
  });
})();
