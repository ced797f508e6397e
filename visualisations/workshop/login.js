/* The login page: a key in, a session, and back where the reader came from. */
import { $, api, setMsg, words } from "../common.js";
import { config, failure } from "./util.js";

export function loginPage() {
  var form = $("login");
  var msg = $("login-msg");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var key = $("key").value.trim();
    if (!key) {
      setMsg(msg, words("bad_key"), "error");
      $("key").focus();
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    api("POST", "/session", { key: key }).then(
      function () {
        var next = String(config.next || "/workshop");
        // The server checked it; this only guards against a tampered page.
        if (next.charAt(0) !== "/" || next.charAt(1) === "/" || next.indexOf("\\") >= 0)
          next = "/workshop";
        location.assign(next);
      },
      function (err) {
        button.disabled = false;
        setMsg(
          msg,
          err.status === 401 || err.status === 403 ? words("bad_key") : failure(err),
          "error",
        );
        $("key").select();
      },
    );
  });
}
