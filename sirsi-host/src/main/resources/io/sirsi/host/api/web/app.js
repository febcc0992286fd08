// Sirsi's chat page. It speaks the host's WebSocket chat API (sirsi-host/WEBSOCKET.md) on the page's own origin.
// Everything the server sends is put in the page as text (textContent), never as markup.
"use strict";

const TOKEN_KEY = "sirsi.token"; // sessionStorage: this tab only
const SESSION_KEY = "sirsi.session."; // localStorage, + the subject: each user's last session
const EVENTS = new Set(["text", "tool_call_started", "progress", "approval_needed", "tool_result", "artifact", "final"]);
const PING_MILLIS = 60_000; // the host drops a connection that has sent nothing for 5 minutes
const FOLLOW_LIMIT_MILLIS = 15 * 60_000;

const $ = (id) => document.getElementById(id);

/** An error message from the host: {type: "error", code, message}. */
class HostError extends Error {
  constructor(reply) {
    super(reply.message || "the host refused the request");
    this.code = reply.code || "error";
  }
}

const state = {
  token: null,
  subject: null,
  role: null,
  socket: null,
  authenticated: false,
  nextId: 1,
  replies: new Map(), // request id -> {resolve, reject}
  turns: new Map(), // request id of a message -> TurnView
  session: null,
  busy: false,
  retries: 0,
  reconnectTimer: null,
  pingTimer: null,
  lastError: null,
  following: null, // {turn, timer, until}
  stick: true, // the reader is at the end of the conversation
};

// ---- Small DOM helpers -------------------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes. */
function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") e.className = value;
    else if (name === "text") e.textContent = value;
    else e.setAttribute(name, value === true ? "" : String(value));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function json(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function bytes(n) {
  if (!Number.isFinite(n)) return "";
  if (n < 1024) return n + " B";
  const units = ["kB", "MB", "GB"];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return v.toFixed(v < 10 ? 1 : 0) + " " + units[i];
}

function time(iso) {
  let d = iso ? new Date(iso) : new Date();
  if (Number.isNaN(d.getTime())) d = new Date();
  return el("time", {datetime: d.toISOString(), text: d.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"})});
}

/** Whether the end of the conversation is in view, or nearly: then new events keep it there. */
function atEnd() {
  return $("log").getBoundingClientRect().bottom <= window.innerHeight + 200;
}

/** Keeps the newest event in view, unless the reader scrolled up to read something older. */
function scrollToEnd() {
  if (!state.stick) return;
  const last = $("log").lastElementChild;
  if (last) last.scrollIntoView({block: "end"});
}

function errorText(e) {
  return e instanceof HostError ? e.code + ": " + e.message : String(e && e.message ? e.message : e);
}

/** A line in the error area, with a button to dismiss it. */
function showError(text) {
  const box = $("errors");
  const line = el("p", {class: "error-line"}, el("span", {text}));
  const close = el("button", {type: "button", class: "link", "aria-label": "Dismiss this error", text: "Dismiss"});
  close.addEventListener("click", () => line.remove());
  line.append(" ", close);
  box.append(line);
  while (box.childElementCount > 4) box.firstElementChild.remove();
}

function notice(text) {
  const n = $("notice");
  n.textContent = text || "";
  n.hidden = !text;
}

function setConnection(text, kind) {
  const c = $("connection");
  c.textContent = text;
  c.dataset.state = kind;
}

// ---- Signing in --------------------------------------------------------------------------------------------

/**
 * A token in the address's fragment (#token=...), which never reaches the server, is taken and removed from the
 * address bar and the tab's history; returns it, or null.
 */
function takeTokenFromFragment() {
  if (!location.hash.startsWith("#")) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token");
  if (token === null) return null;
  params.delete("token");
  const rest = params.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (rest ? "#" + rest : ""));
  return token.trim() || null;
}

function showSignIn(message) {
  $("app").hidden = true;
  $("signin").hidden = false;
  $("who").hidden = true;
  $("sign-out").hidden = true;
  $("reconnect").hidden = true;
  $("signin-error").textContent = message || "";
  setConnection("Not signed in", "offline");
  $("token").focus();
}

function signIn(token) {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  $("signin-error").textContent = "";
  connect();
}

function signOut() {
  disconnect();
  forget();
  showSignIn("Signed out.");
}

/** Forgets the token and everything shown for it; the session's id stays, to resume it at the next sign-in. */
function forget() {
  sessionStorage.removeItem(TOKEN_KEY);
  stopFollowing();
  state.token = null;
  state.subject = null;
  state.role = null;
  state.session = null;
  state.turns.clear();
  delete document.body.dataset.session;
  $("session-id").textContent = "";
  $("log").replaceChildren();
  $("suggestions").replaceChildren();
  $("agents").replaceChildren();
  $("errors").replaceChildren();
  notice("");
  setBusy(false);
}

async function passwordLogin(user, password) {
  const response = await fetch("/api/login", {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({user, password}),
    credentials: "omit",
    cache: "no-store",
  });
  if (response.status === 404) {
    throw new Error("this host takes no passwords (it runs without users): sign in with a token");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error("the host answered " + response.status + " with no JSON");
  }
  if (!response.ok) throw new HostError(body && body.error ? body.error : {message: "HTTP " + response.status});
  if (!body || typeof body.token !== "string") throw new Error("the host's answer holds no token");
  return body.token;
}

// ---- The connection ----------------------------------------------------------------------------------------

function socketUrl() {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
}

function connect() {
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = null;
  $("reconnect").hidden = true;
  if (state.socket) return;
  setConnection("Connecting...", "connecting");
  $("sign-out").hidden = false; // a way out of a token that cannot connect
  let socket;
  try {
    socket = new WebSocket(socketUrl());
  } catch (e) {
    setConnection("Cannot open " + socketUrl() + ": " + errorText(e), "offline");
    return;
  }
  state.socket = socket;
  state.authenticated = false;
  state.lastError = null;
  socket.addEventListener("open", () => {
    request("auth", {token: state.token}).then(authenticated, () => {
      // The host closes the socket after a refused auth; onClose says why.
    });
  });
  socket.addEventListener("message", (m) => receive(m.data));
  socket.addEventListener("close", (e) => closed(socket, e));
}

function disconnect() {
  clearTimeout(state.reconnectTimer);
  clearInterval(state.pingTimer);
  state.reconnectTimer = null;
  const socket = state.socket;
  state.socket = null;
  state.authenticated = false;
  if (socket) socket.close(1000, "signed out");
  failReplies(new Error("signed out"));
}

function failReplies(error) {
  for (const pending of state.replies.values()) pending.reject(error);
  state.replies.clear();
}

function closed(socket, event) {
  if (socket !== state.socket) return; // closed on purpose
  state.socket = null;
  const wasAuthenticated = state.authenticated;
  state.authenticated = false;
  clearInterval(state.pingTimer);
  failReplies(new Error("the connection was lost"));
  stopFollowing();
  for (const turn of state.turns.values()) turn.disconnected();
  if (event.code === 1008 && event.reason === "unauthenticated") {
    // The token was refused, or revoked meanwhile: asking again with it would be refused again.
    const why = state.lastError ? state.lastError.message : "the host refused the token";
    forget();
    showSignIn((wasAuthenticated ? "Signed out by the host: " : "Not signed in: ") + why);
    return;
  }
  const delay = Math.min(30_000, 500 * 2 ** state.retries) * (0.5 + Math.random() / 2);
  state.retries++;
  const why = event.code === 1000 || event.code === 1001 ? "" : " (" + event.code + (event.reason ? " " + event.reason : "") + ")";
  const until = Date.now() + delay;
  const tick = () => {
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    setConnection("Disconnected" + why + "; reconnecting in " + left + " s", "offline");
  };
  tick();
  $("reconnect").hidden = false;
  state.reconnectTimer = setTimeout(connect, delay);
  const countdown = setInterval(() => (state.reconnectTimer ? tick() : clearInterval(countdown)), 1000);
  setTimeout(() => clearInterval(countdown), delay + 1000);
}

/** Sends a request; resolves with its reply, rejects with a HostError or a lost connection. */
function request(type, fields = {}, id = type + "-" + state.nextId++) {
  return new Promise((resolve, reject) => {
    const socket = state.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      reject(new Error("not connected to the host"));
      return;
    }
    state.replies.set(id, {resolve, reject});
    socket.send(JSON.stringify({type, id, ...fields}));
  });
}

function receive(data) {
  let m;
  try {
    m = JSON.parse(data);
  } catch (e) {
    showError("The host sent something that is not JSON.");
    return;
  }
  if (!m || typeof m !== "object") return;
  const id = m.id === undefined || m.id === null ? null : String(m.id);
  if (EVENTS.has(m.type)) {
    const turn = id === null ? null : state.turns.get(id);
    if (turn) turn.event(m);
    return;
  }
  if (m.type === "error") state.lastError = m;
  const pending = id === null ? null : state.replies.get(id);
  if (pending) {
    state.replies.delete(id);
    if (m.type === "error") pending.reject(new HostError(m));
    else pending.resolve(m);
  } else if (m.type === "error") {
    showError(m.code + ": " + m.message);
  }
}

async function authenticated(reply) {
  state.authenticated = true;
  state.retries = 0;
  state.subject = reply.subject;
  state.role = reply.role;
  $("signin").hidden = true;
  $("app").hidden = false;
  const who = $("who");
  who.replaceChildren("Signed in as ", el("strong", {text: reply.subject}), " ", el("span", {class: "role", text: reply.role}));
  who.hidden = false;
  $("sign-out").hidden = false;
  $("reconnect").hidden = true;
  setConnection("Connected", "online");
  clearInterval(state.pingTimer);
  state.pingTimer = setInterval(() => request("ping").catch(() => {}), PING_MILLIS);
  loadAgents();
  try {
    if (state.session) {
      await resumeAfterReconnect();
    } else {
      await openSession();
    }
  } catch (e) {
    showError("Could not open a session: " + errorText(e));
  }
}

// ---- Sessions ----------------------------------------------------------------------------------------------

function rememberSession(id) {
  const changed = state.session !== id;
  state.session = id;
  localStorage.setItem(SESSION_KEY + state.subject, id);
  $("session-id").textContent = id;
  document.body.dataset.session = id;
  if (changed) loadSessions();
}

/** Resumes this user's last session when it still exists, else starts one and says why. */
async function openSession() {
  const last = localStorage.getItem(SESSION_KEY + state.subject);
  if (last) {
    try {
      const reply = await request("get_session", {session: last});
      rememberSession(reply.session.id);
      renderSession(reply.session);
      notice("Resumed your last session.");
      if (!state.busy) loadSuggestions();
      return;
    } catch (e) {
      if (!(e instanceof HostError) || !["not_found", "forbidden", "invalid"].includes(e.code)) throw e;
      await newSession("Your last session is gone (" + e.message + "); this is a new one.");
      return;
    }
  }
  await newSession("");
}

async function newSession(message) {
  const reply = await request("create_session");
  stopFollowing();
  $("log").replaceChildren();
  setBusy(false);
  rememberSession(reply.session.id);
  notice(message);
  loadSuggestions();
  $("message").focus();
}

/** Asks the host to stop the session's turn; its final event, saying it was cancelled, ends it on the page. */
async function stopTurn() {
  if (!state.session) return;
  $("stop").disabled = true;
  try {
    await request("cancel", {session: state.session});
    notice("Stopping the turn at its next step.");
  } catch (e) {
    $("stop").disabled = false;
    showError("Could not stop the turn: " + errorText(e));
  }
}

async function endSession() {
  if (!state.session || !confirm("End this session? Its history is deleted, and a turn under way is stopped.")) return;
  try {
    await request("close_session", {session: state.session});
    await newSession("The session was ended; this is a new one.");
  } catch (e) {
    showError("Could not end the session: " + errorText(e));
  }
}

/** Draws a stored session: its messages, and the questions its turn waits on, if one is under way. */
function renderSession(session) {
  const log = $("log");
  log.replaceChildren();
  let turn = null;
  for (const m of session.history || []) {
    if (m.role === "user") {
      turn = new TurnView(m.text, m.time);
    } else {
      if (!turn) turn = new TurnView(null, m.time);
      if (m.role === "assistant") turn.answer(m.text, null, m.time);
      else turn.note(m.role + ": " + m.text);
    }
  }
  const history = session.history || [];
  const last = history[history.length - 1];
  if (turn && last && last.role !== "assistant") {
    // A turn is under way (or was, when the host stopped): its events went to another connection.
    setBusy(true);
    follow(turn, session);
  } else {
    setBusy(false);
  }
  scrollToEnd();
}

/** After a reconnection: a turn that was running sent its events to the lost socket; follow it by its session. */
async function resumeAfterReconnect() {
  let reply;
  try {
    reply = await request("get_session", {session: state.session});
  } catch (e) {
    if (e instanceof HostError && e.code === "not_found") {
      await newSession("Your session is gone (" + e.message + "); this is a new one.");
      return;
    }
    throw e;
  }
  const running = [...state.turns.values()].find((t) => t.session === state.session && !t.done);
  if (running) {
    follow(running, reply.session);
  } else {
    setBusy(false);
  }
}

/**
 * Follows a turn whose events this page does not get (they went to a connection that is gone): shows the calls
 * waiting for approval, and the answer once the session has it, asking for the session now and then.
 */
function follow(turn, session) {
  stopFollowing();
  const f = {turn, timer: null, until: Date.now() + FOLLOW_LIMIT_MILLIS, delay: 1000};
  state.following = f;
  $("following").hidden = false;
  $("following-text").textContent = "This turn goes on without this page's connection; its answer shows here when it comes.";
  const check = async (s) => {
    if (state.following !== f) return;
    for (const p of s.pending || []) turn.pendingCall(p);
    // The turn's message was saved before it was accepted, and its answer is saved last: an answer at the end
    // of the history is this turn's.
    const history = s.history || [];
    const last = history[history.length - 1];
    if (last && last.role === "assistant") {
      turn.answer(last.text, null, last.time);
      turn.finish();
      stopFollowing();
      setBusy(false);
      loadSuggestions();
      return;
    }
    if (Date.now() > f.until) {
      $("following-text").textContent = "No answer after 15 minutes; reload the page to look again.";
      return;
    }
    f.timer = setTimeout(async () => {
      if (state.following !== f) return;
      try {
        const reply = await request("get_session", {session: state.session});
        check(reply.session);
      } catch (e) {
        if (e instanceof HostError && e.code === "not_found") {
          turn.failed("the session is gone: " + e.message);
          stopFollowing();
          setBusy(false);
        }
        // Otherwise the connection is lost; following starts again once it is back.
      }
    }, f.delay);
    f.delay = Math.min(5000, f.delay * 1.5);
  };
  check(session);
}

function stopFollowing() {
  if (state.following) clearTimeout(state.following.timer);
  state.following = null;
  $("following").hidden = true;
}

function setBusy(busy) {
  state.busy = busy;
  $("message").disabled = busy;
  $("send").disabled = busy;
  $("send").hidden = busy;
  $("stop").hidden = !busy;
  $("stop").disabled = false;
  $("log").setAttribute("aria-busy", busy ? "true" : "false");
  $("suggestions").hidden = busy;
  if (busy) $("suggestions").replaceChildren();
}

// ---- Sending -----------------------------------------------------------------------------------------------

async function send(text) {
  text = text.trim();
  if (!text || state.busy || !state.session) return;
  notice("");
  const id = "message-" + state.nextId++;
  const turn = new TurnView(text);
  turn.session = state.session;
  state.turns.set(id, turn);
  turn.onFinal = () => state.turns.delete(id);
  setBusy(true);
  state.stick = true;
  scrollToEnd();
  try {
    const accepted = await request("message", {session: state.session, text}, id);
    turn.accepted(accepted.turn);
    $("message").value = "";
  } catch (e) {
    state.turns.delete(id);
    turn.failed(errorText(e));
    if (turn.session === state.session) setBusy(false);
    $("message").focus();
  }
}

async function loadSuggestions() {
  const box = $("suggestions");
  if (!state.session) return;
  try {
    const reply = await request("suggestions", {session: state.session});
    if (state.busy || reply.session !== state.session) return;
    const chips = (reply.suggestions || []).map((s) => {
      const b = el("button", {type: "button", class: "chip", text: s});
      b.addEventListener("click", () => send(s));
      return b;
    });
    box.replaceChildren(...(chips.length ? [el("span", {class: "chips-title", text: "Try:"}), ...chips] : []));
  } catch (e) {
    box.replaceChildren();
  }
}

/** Lists this user's sessions, the current one marked; choosing another opens it. */
async function loadSessions() {
  const list = $("sessions");
  try {
    const reply = await request("list_sessions", {limit: 20});
    list.replaceChildren(...(reply.sessions || []).map(sessionItem));
    if (!list.childElementCount) list.append(el("li", {class: "muted", text: "No sessions yet."}));
  } catch (e) {
    list.replaceChildren(el("li", {class: "error-text", text: "Could not list your sessions: " + errorText(e)}));
  }
}

function sessionItem(s) {
  const current = s.id === state.session;
  const label = s.title || "(no message yet)";
  const details = [new Date(s.lastActive).toLocaleString(), s.messages + " messages", s.estate].filter(Boolean).join(" · ");
  const button = el("button", {type: "button", class: "session-link", "data-session": s.id, text: label});
  if (current) {
    button.disabled = true;
    button.setAttribute("aria-current", "true");
  }
  button.addEventListener("click", () => switchSession(s.id));
  return el("li", {class: "session-item" + (current ? " current" : "")}, button, el("span", {class: "session-details", text: details}));
}

/** Opens another of this user's sessions: its history, and a turn under way in it, followed. */
async function switchSession(id) {
  if (state.busy && !confirm("A turn runs in this session; it goes on without this page. Switch anyway?")) return;
  try {
    const reply = await request("get_session", {session: id});
    stopFollowing();
    rememberSession(reply.session.id);
    renderSession(reply.session);
    notice("");
    if (!state.busy) loadSuggestions();
    loadSessions();
  } catch (e) {
    showError("Could not open that session: " + errorText(e));
    loadSessions();
  }
}

async function loadAgents() {
  const list = $("agents");
  try {
    const reply = await request("list_agents");
    list.replaceChildren(...(reply.agents || []).map(agentItem));
    if (!list.childElementCount) list.append(el("li", {class: "muted", text: "No agents."}));
  } catch (e) {
    list.replaceChildren(el("li", {class: "error-text", text: "Could not list the agents: " + errorText(e)}));
  }
}

function agentItem(a) {
  const details = [a.transport, a.version, a.tools + " tools", a.calls + " calls"];
  if (a.failedCalls) details.push(a.failedCalls + " failed");
  return el(
    "li",
    {class: "agent"},
    el("span", {class: "agent-name", text: a.name}),
    " ",
    el("span", {class: "badge state-" + String(a.state).replace(/[^a-z_-]/gi, ""), text: a.state}),
    el("span", {class: "agent-details", text: details.filter(Boolean).join(" · ")}),
    a.error ? el("span", {class: "error-text", text: a.error}) : null,
  );
}

// ---- A turn on the page ------------------------------------------------------------------------------------

/** One turn: the user's message, its events as they stream, and the answer. */
class TurnView {
  constructor(text, when) {
    this.session = state.session;
    this.turnId = null;
    this.done = false;
    this.calls = new Map();
    this.questions = new Map();
    this.onFinal = null;
    this.events = el("ol", {class: "events", "aria-label": "What the host did"});
    this.root = el("li", {class: "turn"});
    if (text !== null) {
      this.root.append(el("div", {class: "msg user"}, el("p", {class: "who-said"}, "You ", time(when)), el("p", {class: "text", text})));
    }
    this.root.append(this.events);
    $("log").append(this.root);
  }

  accepted(turnId) {
    this.turnId = turnId;
    this.root.dataset.turn = turnId;
  }

  event(m) {
    switch (m.type) {
      case "text":
        this.note(m.text);
        break;
      case "tool_call_started":
        this.call(m.callId, m.tool).started(m.arguments);
        break;
      case "progress":
        this.call(m.callId, null).progress(m.progress, m.total, m.message);
        break;
      case "approval_needed":
        this.question(m);
        break;
      case "tool_result":
        this.call(m.callId, m.tool).result(m.status, m.summary, m.millis);
        break;
      case "artifact":
        this.add(
          el("li", {class: "event artifact"}, el("span", {class: "label", text: "Artifact"}), " ", el("strong", {text: m.name}), " ",
            el("code", {text: m.path}), " ", el("span", {class: "muted", text: bytes(m.bytes)})),
        );
        break;
      case "final":
        this.answer(m.answer, m.error, null);
        this.finish();
        if (this.session === state.session) {
          stopFollowing();
          setBusy(false);
          loadSuggestions();
          loadAgents();
          loadSessions();
          $("message").focus();
        }
        break;
    }
    scrollToEnd();
  }

  add(item) {
    this.events.append(item);
    return item;
  }

  note(text) {
    this.add(el("li", {class: "event note", text}));
  }

  call(callId, tool) {
    let c = this.calls.get(callId);
    if (!c) {
      c = new CallView(tool || "a tool", callId);
      this.calls.set(callId, c);
      this.add(c.root);
    } else if (tool) {
      c.tool(tool);
    }
    return c;
  }

  question(m) {
    if (this.questions.has(m.requestId)) return;
    const q = new QuestionView(m, this.session);
    this.questions.set(m.requestId, q);
    this.add(q.root);
    q.root.focus({preventScroll: true});
  }

  /** A question the turn waits on, as a stored session lists it (no event reached this page). */
  pendingCall(p) {
    if (p.kind === "elicitation") {
      this.question({requestId: p.id, kind: "elicitation", tool: p.tool, arguments: {}, message: p.message, schema: p.schema});
    } else {
      this.question({requestId: p.id, kind: "tool", tool: p.tool, arguments: p.arguments, message: "Waiting for approval since " + new Date(p.requested).toLocaleTimeString() + "."});
    }
  }

  answer(text, error, when) {
    const box = el("div", {class: "msg assistant"}, el("p", {class: "who-said"}, "Sirsi ", time(when)), el("p", {class: "answer", text: text || ""}));
    if (error) box.append(el("p", {class: "error-text turn-error", text: "Error: " + error}));
    this.root.append(box);
  }

  finish() {
    this.done = true;
    this.root.classList.add("done");
    for (const q of this.questions.values()) q.over();
    if (this.onFinal) this.onFinal();
  }

  failed(text) {
    this.done = true;
    this.root.append(el("p", {class: "error-text turn-error", role: "alert", text}));
    if (this.onFinal) this.onFinal();
  }

  disconnected() {
    if (!this.done) this.note("The connection was lost; the turn goes on on the host.");
  }
}

/** A tool call: its arguments (folded), its progress, and its result. */
class CallView {
  constructor(tool, callId) {
    this.nameEl = el("span", {class: "tool", text: tool});
    this.badge = el("span", {class: "badge running", text: "running"});
    this.millis = el("span", {class: "muted"});
    this.args = el("pre", {class: "args", text: "(not started)"});
    this.bar = el("progress", {max: "1", hidden: true, "aria-label": "Progress of " + tool});
    this.progressText = el("span", {class: "progress-text muted"});
    this.summaryLine = el("p", {class: "summary-line", hidden: true});
    this.summary = el("pre", {class: "summary"});
    this.resultBox = el("div", {hidden: true}, el("p", {class: "label", text: "Result"}), this.summary);
    this.root = el(
      "li",
      {class: "event call", "data-call": callId},
      el(
        "details",
        {},
        el("summary", {}, el("span", {class: "label", text: "Tool"}), " ", this.nameEl, " ", this.badge, " ", this.millis),
        el("p", {class: "label", text: "Arguments"}),
        this.args,
        this.resultBox,
      ),
      el("div", {class: "progress"}, this.bar, " ", this.progressText),
      this.summaryLine,
    );
  }

  tool(name) {
    this.nameEl.textContent = name;
  }

  started(args) {
    this.args.textContent = json(args);
  }

  progress(progress, total, message) {
    if (total > 0) {
      this.bar.hidden = false;
      this.bar.max = total;
      this.bar.value = Math.min(progress, total);
      this.progressText.textContent = Math.round((100 * progress) / total) + "%" + (message ? " " + message : "");
    } else {
      this.progressText.textContent = progress + (message ? " · " + message : "");
    }
  }

  result(status, summary, millis) {
    this.badge.textContent = status;
    this.badge.className = "badge status-" + String(status).replace(/[^a-z_-]/gi, "");
    this.millis.textContent = millis === undefined ? "" : millis + " ms";
    this.bar.hidden = true;
    this.progressText.textContent = "";
    if (summary) {
      this.summaryLine.textContent = summary;
      this.summaryLine.hidden = false;
      this.summary.textContent = summary;
      this.resultBox.hidden = false;
    }
  }
}

/** A question a turn waits on: a tool call to approve, or a server's question (an elicitation) to answer. */
class QuestionView {
  constructor(m, session) {
    this.m = m;
    this.session = session;
    this.buttons = [];
    this.outcome = el("p", {class: "outcome", role: "status"});
    this.root = el("li", {class: "event question", tabindex: "-1", "data-request": m.requestId});
    if (m.kind === "elicitation") this.elicitation();
    else this.approval();
    this.root.append(this.outcome);
  }

  approval() {
    const m = this.m;
    this.root.classList.add("approval");
    this.root.append(
      el("p", {class: "question-title"}, el("span", {class: "label", text: "Approval needed"}), " ", el("span", {class: "tool", text: m.tool})),
      m.message ? el("p", {class: "question-message", text: m.message}) : null,
      el("details", {open: true}, el("summary", {text: "Arguments"}), el("pre", {class: "args", text: json(m.arguments)})),
    );
    const viewer = state.role === "viewer";
    const row = el("div", {class: "actions"});
    for (const [decision, label] of [["approve", "Approve"], ["approve_always", "Approve always"], ["deny", "Deny"]]) {
      const b = el("button", {type: "button", "data-decision": decision, class: decision === "deny" ? "secondary" : "", text: label});
      if (viewer && decision !== "deny") {
        b.disabled = true;
        b.title = "Approving a tool needs an operator or admin";
      }
      b.addEventListener("click", () => this.resolve(decision, undefined, label));
      this.buttons.push(b);
      row.append(b);
    }
    this.root.append(row);
    if (viewer) this.root.append(el("p", {class: "hint", text: "You are a viewer: approving a tool needs an operator or admin."}));
  }

  elicitation() {
    const m = this.m;
    this.root.classList.add("elicitation");
    const form = el("form", {class: "schema-form"});
    this.form = form;
    this.fields = schemaFields(m.schema, m.requestId);
    this.root.append(
      el("p", {class: "question-title"}, el("span", {class: "label", text: "Question"}), " from ", el("span", {class: "tool", text: m.tool})),
      el("p", {class: "question-message", text: m.message || ""}),
      form,
    );
    for (const f of this.fields) form.append(f.row);
    const row = el("div", {class: "actions"});
    const accept = el("button", {type: "submit", "data-decision": "approve", text: "Accept"});
    const decline = el("button", {type: "button", class: "secondary", "data-decision": "deny", text: "Decline"});
    const cancel = el("button", {type: "button", class: "secondary", "data-decision": "cancel", text: "Cancel"});
    decline.addEventListener("click", () => this.resolve("deny", undefined, "Decline"));
    cancel.addEventListener("click", () => this.resolve("cancel", undefined, "Cancel"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!form.reportValidity()) return;
      const content = {};
      for (const f of this.fields) {
        const v = f.value();
        if (v !== undefined) content[f.name] = v;
      }
      this.resolve("approve", content, "Accept");
    });
    this.buttons.push(accept, decline, cancel);
    row.append(accept, decline, cancel);
    form.append(row);
  }

  async resolve(decision, content, label) {
    for (const b of this.buttons) b.disabled = true;
    this.outcome.className = "outcome";
    this.outcome.textContent = label + "...";
    const fields = {session: this.session, request: this.m.requestId, decision};
    if (content !== undefined) fields.content = content;
    try {
      const reply = await request("resolve", fields);
      this.outcome.textContent = outcomeText(this.m.kind, reply.decision);
      this.root.classList.add("resolved");
      this.root.dataset.outcome = reply.decision;
    } catch (e) {
      this.outcome.className = "outcome error-text";
      this.outcome.textContent = errorText(e);
      const over = e instanceof HostError && ["not_found", "conflict"].includes(e.code);
      if (!over) {
        for (const b of this.buttons) b.disabled = b.title !== "" && state.role === "viewer";
      }
    }
  }

  /** The turn ended: nothing can answer this question any more. */
  over() {
    for (const b of this.buttons) b.disabled = true;
    if (!this.root.classList.contains("resolved") && !this.outcome.textContent) {
      this.outcome.textContent = "The turn ended without an answer to this question.";
    }
  }
}

function outcomeText(kind, decision) {
  const tool = {approve: "Approved once.", approve_always: "Approved for the rest of this session.", deny: "Denied: it will not run.", cancel: "Cancelled."};
  const question = {approve: "Answered.", deny: "Declined.", cancel: "Cancelled."};
  return (kind === "elicitation" ? question : tool)[decision] || "Answered: " + decision + ".";
}

/** Form fields for a flat JSON schema's properties: strings, numbers, integers, booleans and enums. */
function schemaFields(schema, prefix) {
  const properties = (schema && schema.properties) || {};
  const required = new Set((schema && Array.isArray(schema.required) && schema.required) || []);
  const fields = [];
  let n = 0;
  for (const [name, p] of Object.entries(properties)) {
    const id = "q-" + String(prefix).replace(/[^A-Za-z0-9_-]/g, "") + "-" + n++;
    const must = required.has(name);
    const title = (p && p.title) || name;
    const label = el("label", {for: id}, title, must ? el("span", {class: "required", "aria-hidden": "true", text: " *"}) : null);
    const description = p && p.description ? el("span", {class: "hint", id: id + "-d", text: p.description}) : null;
    const type = Array.isArray(p && p.type) ? p.type.find((t) => t !== "null") : p && p.type;
    const options = choices(p);
    let input;
    let value;
    if (options) {
      input = el("select", {id, required: must, "aria-describedby": description ? id + "-d" : null});
      if (!must || p.default === undefined) input.append(el("option", {value: "", text: must ? "Choose..." : "(none)"}));
      for (const o of options) input.append(el("option", {value: String(o.value), text: o.label}));
      if (p.default !== undefined) input.value = String(p.default);
      value = () => {
        if (input.value === "") return undefined;
        const chosen = options.find((o) => String(o.value) === input.value);
        return chosen ? chosen.value : input.value;
      };
    } else if (type === "boolean") {
      input = el("input", {id, type: "checkbox", "aria-describedby": description ? id + "-d" : null});
      input.checked = p.default === true;
      value = () => input.checked;
    } else if (type === "number" || type === "integer") {
      input = el("input", {
        id,
        type: "number",
        step: type === "integer" ? "1" : "any",
        min: p.minimum,
        max: p.maximum,
        required: must,
        "aria-describedby": description ? id + "-d" : null,
      });
      if (p.default !== undefined) input.value = String(p.default);
      value = () => (input.value === "" ? undefined : type === "integer" ? parseInt(input.value, 10) : Number(input.value));
    } else {
      const formats = {email: "email", uri: "url", date: "date"};
      input = el("input", {
        id,
        type: formats[p && p.format] || "text",
        minlength: p && p.minLength,
        maxlength: p && p.maxLength,
        required: must,
        spellcheck: "false",
        "aria-describedby": description ? id + "-d" : null,
      });
      if (p && typeof p.default === "string") input.value = p.default;
      value = () => (input.value === "" && !must ? undefined : input.value);
    }
    const row = el("div", {class: type === "boolean" && !options ? "field checkbox" : "field"}, label, input, description);
    fields.push({name, row, value});
  }
  return fields;
}

/** The choices of an enum property: {enum: [...]}, or MCP's titled {oneOf: [{const, title}]}. */
function choices(p) {
  if (!p) return null;
  if (Array.isArray(p.enum)) {
    const names = Array.isArray(p.enumNames) ? p.enumNames : [];
    return p.enum.map((v, i) => ({value: v, label: String(names[i] ?? v)}));
  }
  const list = Array.isArray(p.oneOf) ? p.oneOf : Array.isArray(p.anyOf) ? p.anyOf : null;
  if (list && list.every((o) => o && "const" in o)) return list.map((o) => ({value: o.const, label: String(o.title ?? o.const)}));
  return null;
}

// ---- Wiring ------------------------------------------------------------------------------------------------

function start() {
  const given = takeTokenFromFragment();
  if (given) sessionStorage.setItem(TOKEN_KEY, given);
  // A one-click address opened in a tab that has the page already changes only the fragment: no reload.
  window.addEventListener("hashchange", () => {
    const token = takeTokenFromFragment();
    if (!token || token === state.token) return;
    if (state.token) signOut();
    signIn(token);
  });
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const token = $("token").value.trim();
    $("token").value = "";
    if (token) signIn(token);
  });
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const user = $("user").value.trim();
    const password = $("password").value;
    $("password").value = "";
    $("signin-error").textContent = "Signing in...";
    try {
      signIn(await passwordLogin(user, password));
    } catch (err) {
      $("signin-error").textContent = "Not signed in: " + errorText(err);
    }
  });
  $("sign-out").addEventListener("click", signOut);
  $("reconnect").addEventListener("click", () => {
    state.retries = 0;
    connect();
  });
  $("new-session").addEventListener("click", () => newSession("").catch((e) => showError("Could not start a session: " + errorText(e))));
  $("end-session").addEventListener("click", endSession);
  $("stop").addEventListener("click", stopTurn);
  $("refresh-agents").addEventListener("click", loadAgents);
  $("stop-following").addEventListener("click", () => {
    stopFollowing();
    setBusy(false);
    notice("Stopped waiting. If the turn still runs, a new message is refused until it ends.");
  });
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    send($("message").value);
  });
  window.addEventListener("scroll", () => (state.stick = atEnd()), {passive: true});
  $("message").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send($("message").value);
    }
  });
  state.token = sessionStorage.getItem(TOKEN_KEY);
  if (state.token) connect();
  else showSignIn("");
}

start();
