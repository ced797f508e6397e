/* What the sections of the workshop page share: the workshop's address, whether the
 * reader may edit, the page's state (one object: the sections reassign its fields) and
 * window.graphsvcWorkshop, which the sections add to.
 */
import { currentLang, enc, setLang } from "../common.js";
import { config } from "./util.js";

export var WS = "/workshops/" + enc(config.workshopId);
export var canEdit = !!config.canEdit;

export var ws = {
  S: { version: -1, workshop: null, actors: [], ties: [], projects: [] },
  actorsById: {},
  tiesById: {},
  analysis: null,
  snapshots: [],
  lastCompare: null,
  selected: null, // {type: "actor" | "project" | "tie", id}
  minVersion: -1, // the newest version one of our own writes produced
  tieFrom: null, // the actor a shift-click on another one draws a tie from
};

export var exposed = (window.graphsvcWorkshop = {
  ready: false,
  lang: currentLang,
  setLang: function (code) {
    setLang(code);
  },
  state: function () {
    return ws.S;
  },
  version: function () {
    return ws.S.version;
  },
  analysis: function () {
    return ws.analysis;
  },
});
