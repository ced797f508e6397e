/* The workshop pages' configuration and the formatting they share (dates, places, names,
 * errors). */
import { commonErrorText, locale, norm, pageData, t } from "../common.js";

export var config = pageData("graphsvc-workshop");

export function moment(iso) {
  var d = new Date(iso);
  if (isNaN(d.getTime())) return iso || "";
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function placeName(code) {
  if (!code) return "";
  return config.municipalityNames[code] || code;
}

export function byName(a, b) {
  return (
    norm(a.name).localeCompare(norm(b.name), locale()) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function clamp01(x) {
  return Math.max(0, Math.min(1, x));
}

export function round2(x) {
  return Math.round(x * 100) / 100;
}

export function errorText(err) {
  var said = commonErrorText(err);
  if (said !== null) return said;
  if (err.status === 412) return t("changed_elsewhere");
  var detail = err.details.length && err.details[0].message;
  return detail && detail !== err.message ? err.message + " – " + detail : err.message;
}

export function failure(err) {
  return function () {
    return errorText(err);
  };
}
