package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirsi.host.ApprovalPolicy;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.HostFixture;
import io.sirsi.host.Role;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The chat web page in a real headless Chromium, in a phone-sized window, against a real host over real servers:
 * signed in from the address's fragment, a message typed and sent with Enter, a tool that is not read-only approved
 * with a mouse click, and the answer on the page as the session holds it; the page reloaded and the session
 * resumed; the connection dropped mid-turn and the turn followed to its answer. No content security violation, no
 * uncaught error. Skipped only when there is no Chromium to run.
 */
class WebPageBrowserTest {
    /** Reads sessions whoever owns them. */
    private static final Caller ADMIN = new Caller("test-admin", Role.ADMIN);

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path root;

    static Host host;
    static HostServer server;
    static Chromium browser;
    static String base;
    static Optional<Path> binary = Optional.empty();

    @BeforeAll
    static void start() throws Exception {
        binary = Chromium.find();
        if (binary.isEmpty()) {
            return; // each test is skipped, saying why
        }
        host = HostFixture.start(root.resolve("host"), ApprovalPolicy.askAlways());
        server = HostServer.start(host, new FixedTokens(), "127.0.0.1", 0);
        base = server.url().toString();
        browser = Chromium.launch(binary.get(), root.resolve("chromium"));
        browser.call("Page.enable");
        browser.call("Runtime.enable");
        browser.call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        // Every load or inline code the page's policy blocks, where the test can read it.
        browser.call(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__violations = [];"
                                + "document.addEventListener('securitypolicyviolation',"
                                + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(binary.isPresent(), Chromium::notFound);
    }

    @AfterEach
    void thePageRanCleanly() throws Exception {
        if (browser == null) {
            return;
        }
        assertEquals(
                "[]", browser.evaluate("JSON.stringify(window.__violations)").asString(), "CSP violations");
        assertEquals(List.of(), browser.events("Runtime.exceptionThrown"), "uncaught errors in the page");
        assertTrue(
                browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                        .asBoolean(),
                "the page is wider than a 390 px window");
    }

    /** Opens the one-click address with the operator's token; returns the session the page is in. */
    static String openSignedIn() throws Exception {
        browser.navigate("about:blank");
        browser.navigate(base + "/#token=" + FixedTokens.OPERATOR);
        JsonNode who = browser.waitFor(
                "signed in, with a session and the message box enabled",
                "document.body.dataset.session && !document.getElementById('message').disabled"
                        + " && !document.getElementById('who').hidden"
                        + " && document.getElementById('who').textContent",
                WAIT);
        assertEquals("Signed in as olga operator", who.asString());
        return browser.evaluate("document.body.dataset.session").asString();
    }

    /** Types {@code text} in the message box and presses Enter; waits for the tool approval it asks for. */
    static JsonNode sayAndAwaitApproval(String text) throws Exception {
        browser.evaluate("document.getElementById('message').focus()");
        browser.type(text);
        browser.pressEnter();
        return browser.waitFor(
                "the approval asked for",
                "document.querySelector('#log .turn:last-child .question.approval"
                        + " button[data-decision=approve]:enabled')"
                        + " && document.querySelector('#log .turn:last-child .question.approval').textContent",
                WAIT);
    }

    /** Waits for the last turn's answer on the page, with the message box open again. */
    static String awaitAnswer() throws Exception {
        return browser.waitFor(
                        "the final answer, and the message box open again",
                        "!document.getElementById('send').disabled"
                                + " && document.querySelector('#log .turn:last-child .msg.assistant .answer')"
                                + " && document.querySelector('#log .turn:last-child .msg.assistant .answer')"
                                + ".textContent",
                        WAIT)
                .asString();
    }

    /** The session's last message, which must be the assistant's, after an approval of {@code tool}. */
    static Session.Message answeredAfterApproval(String session, String tool) {
        Session saved = host.session(session, ADMIN);
        Session.Message last = saved.history().getLast();
        assertEquals("assistant", last.role(), saved.history().toString());
        assertTrue(
                saved.history().stream()
                        .anyMatch(m -> m.role().equals("approval") && m.text().startsWith("approve " + tool + " (")),
                "no approval recorded: " + saved.history());
        assertEquals(List.of(), saved.pending());
        return last;
    }

    @Test
    void listsTheUsersSessionsAndOpensAnotherFromTheList() throws Exception {
        String first = openSignedIn();
        browser.click("#new-session");
        String second = browser.waitFor(
                        "a new session",
                        "document.body.dataset.session !== '" + first + "' && document.body.dataset.session",
                        WAIT)
                .asString();
        // The list has both, the new one current; the first one's button opens it.
        browser.waitFor(
                "both sessions listed, the new one current",
                "document.querySelector('#sessions button[data-session=\"" + second + "\"][aria-current=true]')"
                        + " && document.querySelector('#sessions button[data-session=\"" + first + "\"]:enabled')",
                WAIT);
        browser.click("#sessions button[data-session=\"" + first + "\"]");
        browser.waitFor(
                "the first session open again",
                "document.body.dataset.session === '" + first + "'"
                        + " && document.querySelector('#sessions button[data-session=\"" + first
                        + "\"][aria-current=true]')",
                WAIT);
        int shown = browser.evaluate("document.querySelectorAll('#log .msg.user').length")
                .asInt();
        long asked = host.session(first, ADMIN).history().stream()
                .filter(m -> m.role().equals("user"))
                .count();
        assertEquals(asked, shown, "the page shows another history than the session holds");
    }

    @Test
    void theStopButtonCancelsTheTurnAndThePageShowsTheAnswerTheSessionHolds() throws Exception {
        String session = openSignedIn();
        sayAndAwaitApproval("please stamp this note for me");
        assertEquals(
                "stop shown, send hidden",
                browser.evaluate("(document.getElementById('stop').hidden ? 'stop hidden' : 'stop shown') + ', '"
                                + " + (document.getElementById('send').hidden ? 'send hidden' : 'send shown')")
                        .asString());
        browser.click("#stop");
        String answer = awaitAnswer();
        Session saved = host.session(session, ADMIN);
        assertEquals(saved.history().getLast().text(), answer, "the page shows another answer than the session holds");
        assertTrue(answer.contains("plugins__stamp was cancelled"), answer);
        assertTrue(
                saved.history().stream()
                        .anyMatch(m -> m.role().equals("approval") && m.text().startsWith("cancel plugins__stamp (")),
                "no cancellation recorded: " + saved.history());
        assertEquals(List.of(), saved.pending());
        assertTrue(browser.evaluate("document.getElementById('stop').hidden").asBoolean(), "Stop is still shown");
    }

    @Test
    void signsInFromTheFragmentRunsAnApprovedToolAndShowsTheAnswerTheSessionHolds() throws Exception {
        String session = openSignedIn();
        // The token left the address bar (it never went to the server: a fragment is not sent), and is kept for
        // this tab only.
        assertEquals(base + "/", browser.evaluate("location.href").asString());
        assertEquals(
                FixedTokens.OPERATOR,
                browser.evaluate("sessionStorage.getItem('sirsi.token')").asString());
        assertFalse(
                browser.evaluate("JSON.stringify({...localStorage})").asString().contains(FixedTokens.OPERATOR),
                "the token is in localStorage");
        host.session(session, ADMIN); // exists

        JsonNode agents = browser.waitFor(
                "the four agents listed",
                "document.querySelectorAll('#agents .agent').length === 4"
                        + " && [...document.querySelectorAll('#agents .agent')].map(a => a.textContent)",
                WAIT);
        assertTrue(agents.toString().contains("plugins") && agents.toString().contains("connected"), agents.toString());

        String ask = sayAndAwaitApproval("please stamp this note for me").asString();
        assertTrue(ask.contains("plugins__stamp"), ask);
        assertTrue(ask.contains("\"text\": \"stamped\""), ask);
        assertEquals(
                "true true",
                browser.evaluate("document.getElementById('message').disabled + ' '"
                                + " + document.getElementById('send').disabled")
                        .asString(),
                "the message box is open while the turn runs");
        assertEquals(
                "please stamp this note for me",
                browser.evaluate("document.querySelector('#log .turn:last-child .msg.user .text').textContent")
                        .asString());

        browser.click("#log .turn:last-child .question.approval button[data-decision=approve]");

        String answer = awaitAnswer();
        Session.Message last = answeredAfterApproval(session, "plugins__stamp");
        assertEquals(last.text(), answer, "the page shows another answer than the session holds");
        assertEquals(
                "pre-wrap",
                browser.evaluate("getComputedStyle(document.querySelector('#log .turn:last-child .answer')).whiteSpace")
                        .asString(),
                "an answer's line breaks are not kept");
        JsonNode shown = browser.evaluate("""
                ({outcome: document.querySelector('#log .question.approval').dataset.outcome,
                  buttons: [...document.querySelectorAll('#log .question.approval button')].every(b => b.disabled),
                  result: document.querySelector('#log .turn:last-child .call .badge').textContent,
                  tool: document.querySelector('#log .turn:last-child .call .tool').textContent})
                """);
        assertEquals("approve", shown.path("outcome").asString(), shown.toString());
        assertTrue(shown.path("buttons").asBoolean(), "a button of the answered question is still enabled");
        assertEquals("ok", shown.path("result").asString(), shown.toString());
        assertEquals("plugins__stamp", shown.path("tool").asString(), shown.toString());

        JsonNode chips = browser.waitFor(
                "suggestions after the answer",
                "document.querySelectorAll('#suggestions .chip').length"
                        + " && [...document.querySelectorAll('#suggestions .chip')].map(c => c.textContent)",
                WAIT);
        List<String> suggested = new ArrayList<>();
        chips.forEach(c -> suggested.add(c.asString()));
        assertEquals(host.suggestions(session, ADMIN), suggested);

        // Reloaded, the page resumes the session with the token this tab kept, and draws its history.
        browser.reload();
        String resumed = browser.waitFor(
                        "the session resumed",
                        "document.body.dataset.session && !document.getElementById('send').disabled"
                                + " && document.querySelector('#log .msg.assistant .answer')"
                                + " && document.querySelector('#log .msg.assistant .answer').textContent",
                        WAIT)
                .asString();
        assertEquals(last.text(), resumed);
        assertEquals(session, browser.evaluate("document.body.dataset.session").asString());
        assertTrue(browser.evaluate("document.getElementById('log').textContent")
                .asString()
                .contains("approval: approve plugins__stamp"));
    }

    @Test
    void refusesAWrongTokenWithTheHostsReasonAndSignsInWithTheForm() throws Exception {
        browser.navigate("about:blank");
        browser.navigate(base + "/#token=guessed-token");
        String refused = browser.waitFor(
                        "the sign-in form, saying why",
                        "!document.getElementById('signin').hidden"
                                + " && document.getElementById('signin-error').textContent",
                        WAIT)
                .asString();
        assertEquals("Not signed in: the token is not accepted", refused);
        assertTrue(
                browser.evaluate("sessionStorage.getItem('sirsi.token') === null")
                        .asBoolean(),
                "a refused token is kept");
        assertTrue(browser.evaluate("document.getElementById('app').hidden").asBoolean());

        browser.evaluate("document.getElementById('token').focus()");
        browser.type(FixedTokens.VIEWER);
        browser.click("#token-form button[type=submit]");
        String who = browser.waitFor(
                        "signed in with the form",
                        "document.body.dataset.session && !document.getElementById('who').hidden"
                                + " && document.getElementById('who').textContent",
                        WAIT)
                .asString();
        assertEquals("Signed in as victor viewer", who);
        assertEquals(
                "", browser.evaluate("document.getElementById('token').value").asString());
        host.session(browser.evaluate("document.body.dataset.session").asString(), ADMIN);
    }

    @Test
    void reconnectsWhenTheConnectionDropsAndFollowsTheTurnToItsAnswer() throws Exception {
        String previous = openSignedIn();
        browser.click("#new-session");
        String session = browser.waitFor(
                        "a new session",
                        "document.body.dataset.session !== '" + previous + "'"
                                + " && !document.querySelector('#log .turn') && document.body.dataset.session",
                        WAIT)
                .asString();
        assertNotEquals(previous, session);
        sayAndAwaitApproval("put a stamp on my note");

        // The host's port goes away under the page, and comes back: the turn waits on the host all along.
        int port = server.port();
        server.close();
        browser.waitFor(
                "the page to see the connection drop",
                "document.getElementById('connection').dataset.state === 'offline'"
                        + " && document.getElementById('connection').textContent.includes('reconnecting')",
                WAIT);
        server = HostServer.start(host, new FixedTokens(), "127.0.0.1", port);
        browser.waitFor(
                "the page to reconnect and follow the turn",
                "document.getElementById('connection').dataset.state === 'online'"
                        + " && !document.getElementById('following').hidden",
                WAIT);
        assertEquals(
                1,
                browser.evaluate("document.querySelectorAll('#log .turn:last-child .question.approval').length")
                        .asInt(),
                "the waiting call is shown once");

        // The turn's events went to the lost connection; the answer comes through the session.
        browser.click("#log .turn:last-child .question.approval button[data-decision=approve]");
        String answer = awaitAnswer();
        Session.Message last = answeredAfterApproval(session, "plugins__stamp");
        assertEquals(last.text(), answer);
        assertTrue(
                browser.evaluate("document.getElementById('following').hidden").asBoolean(),
                "the page still follows a turn that has ended");
        assertTrue(browser.evaluate("document.querySelector('#log .turn:last-child').textContent")
                .asString()
                .contains("The connection was lost"));
    }
}
