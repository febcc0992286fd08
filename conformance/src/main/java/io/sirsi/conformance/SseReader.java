package io.sirsi.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads Server-Sent Events from a response body, as the WHATWG rules say. */
final class SseReader implements AutoCloseable {
    /** One event; {@code data} is empty for a priming event. */
    record Event(String id, String data, Long retry) {
        boolean priming() {
            return data.isBlank();
        }
    }

    private final InputStream in;
    private final BufferedReader reader;

    SseReader(InputStream in) {
        this.in = in;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or empty when the stream ends. */
    Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String id = null;
        Long retry = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(id, data.toString(), retry));
                }
                id = null;
                retry = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "id" -> id = value;
                case "retry" -> {
                    try {
                        retry = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        // ignored, as the SSE rules say
                    }
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
