package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeTest {
    private static Envelope parse(String text) {
        return Envelope.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void classifiesRequestsNotificationsAndResponses() {
        var request =
                assertInstanceOf(Envelope.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}"));
        assertEquals("ping", request.method());
        assertEquals(7, request.id().asInt());
        assertNull(request.params());
        var notification = assertInstanceOf(
                Envelope.Notification.class, parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertEquals("notifications/initialized", notification.method());
        var response =
                assertInstanceOf(Envelope.Response.class, parse("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}"));
        assertEquals("s-1", response.id().asString());
    }

    @Test
    void keepsStringAndNumberIdsApart() {
        var text = assertInstanceOf(
                Envelope.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"ping\"}"));
        var number =
                assertInstanceOf(Envelope.Request.class, parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        assertTrue(text.id().isString());
        assertTrue(number.id().isIntegralNumber());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,                             | -32700 | Parse error",
                "not json                                                   | -32700 | Parse error",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]       | -32600 | batches are not supported",
                "42                                                         | -32600 | must be a JSON object",
                "{\"id\":1,\"method\":\"ping\"}                             | -32600 | \"jsonrpc\" must be \"2.0\"",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}      | -32600 | string or an integer",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}       | -32600 | string or an integer",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":3}                | -32600 | non-empty string",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]} | -32602 | must be an object",
                "{\"jsonrpc\":\"2.0\",\"id\":1}                             | -32600 | needs a \"method\"",
            })
    void rejectsWhatIsNotJsonRpcWithANamedReason(String text, int code, String reason) {
        var invalid = assertInstanceOf(Envelope.Invalid.class, parse(text.trim()));
        assertEquals(code, invalid.code());
        assertTrue(invalid.message().contains(reason), invalid.message());
    }

    @Test
    void echoesTheIdOfAnInvalidRequestWhenItCanBeRead() {
        var invalid = assertInstanceOf(
                Envelope.Invalid.class, parse("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\",\"params\":5}"));
        assertEquals(9, invalid.id().asInt());
        var unreadable =
                assertInstanceOf(Envelope.Invalid.class, parse("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}"));
        assertNull(unreadable.id());
    }

    @Test
    void readsAPeersErrorWithANullIdAsAResponseNotAnInvalidRequest() {
        var response = assertInstanceOf(
                Envelope.Response.class,
                parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}"));
        assertTrue(response.id().isNull());
        assertEquals(-32700, response.error().path("code").asInt());
        assertInstanceOf(Envelope.Invalid.class, parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":{}}"));
    }
}
