package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static StdioTransport.LineReader reader(String text, int limit) {
        return new StdioTransport.LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
    }

    private static String text(StdioTransport.LineReader.Line line) {
        return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
    }

    @Test
    void readsLinesSkippingBlanksAndCarriageReturns() throws IOException {
        var reader = reader("one\r\n\n   \ntwo\nthree", 1024);
        assertEquals("one", text(reader.next()));
        assertEquals("two", text(reader.next()));
        assertEquals("three", text(reader.next()), "a last line without a newline still counts");
        assertNull(reader.next());
    }

    @Test
    void reportsAnOversizedLineWithoutKeepingItAndRecovers() throws IOException {
        String big = "x".repeat(5_000);
        var reader = reader(big + "\nsmall\n" + big + big + "\nafter\n", 1024);
        var first = reader.next();
        assertEquals(5_000, first.oversized());
        assertEquals("small", text(reader.next()));
        assertTrue(reader.next().oversized() >= 10_000);
        assertEquals("after", text(reader.next()));
        assertNull(reader.next());
    }

    @Test
    void acceptsALineOfExactlyTheLimit() throws IOException {
        var reader = reader("y".repeat(1024) + "\n", 1024);
        assertEquals(1024, reader.next().length());
    }
}
