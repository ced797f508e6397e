/* graphsvc workshop pages: the index, the live workshop page, the login page.
 *
 * Configuration comes from the JSON script element #graphsvc-workshop (both languages'
 * words and enum labels, so the language switches without a reload). Text from data
 * only ever reaches the DOM through textContent, never innerHTML.
 *
 * The workshop page keeps the server as the only source of truth: every write is a
 * JSON call, followed by a fresh GET /state; the event stream announces other people's
 * changes, and the page fetches /state again (one fetch in flight at most).
 *
 * The entry module: the words, then one page. The workshop page is in workshop/, one
 * module a section (page.js imports them all and starts it): shared.js (the page's state),
 * state.js (header, connection, state fetches, live events), edits.js (the write queue,
 * undo and redo, adding and removing actors and ties), map.js, details.js (selection and
 * details), grid.js (the stakeholder grid), analysis.js, snapshots.js, panels.js (tabs).
 * It is imported only on that page, as its sections take hold of its elements at once.
 *
 * window.graphsvcWorkshop (tests, screenshots): nodes, edges (vis DataSets), network,
 * ready, state(), version(), analysis(), undo(), redo(), setLang(code), lang(),
 * refresh(), loadAnalysis().
 */
import { startLanguage, useWords } from "./common.js";
import { indexPage } from "./workshop/index.js";
import { loginPage } from "./workshop/login.js";
import { config } from "./workshop/util.js";

useWords(config.words, config.enums, config.lang);
startLanguage();
if (config.mode === "login") loginPage();
else if (config.mode === "index") indexPage();
else import("./workshop/page.js");
