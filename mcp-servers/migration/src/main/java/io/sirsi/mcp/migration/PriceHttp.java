package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * GETs from the providers' public price endpoints, turning every failure into one line a person can act on:
 * the HTTP status and the provider's own message, an unreachable host, a timeout, a body that is not JSON.
 * Request headers (which may carry an API key) never appear in a message.
 */
final class PriceHttp implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** Reads {@code uri}'s body as a stream through {@code reader}, which may parse it without holding it. */
    <T> T get(URI uri, Map<String, String> headers, Function<InputStream, T> reader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip");
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new MigrationException("no answer from " + uri.getHost() + " within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException | UnknownHostException e) {
            String why = e instanceof UnknownHostException ? "unknown host" : "connection refused";
            throw new MigrationException("cannot reach " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (" + why + "); are you online?");
        } catch (IOException e) {
            throw new MigrationException("request to " + uri.getHost() + " failed: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while fetching " + strip(uri));
        }
        try (InputStream body = decoded(response)) {
            if (response.statusCode() / 100 != 2) {
                String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                throw new MigrationException("HTTP " + response.statusCode() + " from " + strip(uri) + said(text));
            }
            return reader.apply(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new MigrationException("the response from " + strip(uri) + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new MigrationException("reading the response from " + strip(uri) + " failed: " + reason(e));
        }
    }

    /** Stops the client's threads. */
    @Override
    public void close() {
        client.close();
    }

    /** Reads and parses a JSON body (a page of a paged API: small). */
    JsonNode json(URI uri, Map<String, String> headers) {
        return get(uri, headers, body -> PriceSnapshots.JSON.readTree(body));
    }

    private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
        boolean gzip = response.headers()
                .firstValue("Content-Encoding")
                .map(v -> v.equalsIgnoreCase("gzip"))
                .orElse(false);
        return gzip ? new GZIPInputStream(response.body()) : response.body();
    }

    /** The provider's own error message, when the body has one (Google: error.message; Azure: Error.Message). */
    private static String said(String body) {
        try {
            JsonNode error = PriceSnapshots.JSON.readTree(body);
            for (String[] path : new String[][] {{"error", "message"}, {"Error", "Message"}, {"message"}}) {
                JsonNode node = error;
                for (String field : path) {
                    node = node.path(field);
                }
                if (node.isString() && !node.asString().isBlank()) {
                    return ": " + oneLine(node.asString());
                }
            }
        } catch (JacksonException e) {
            // not JSON: say what the body starts with
        }
        return body.isBlank() ? "" : ": " + oneLine(body);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    /** The URI without its query, which can be long (Azure filters) but never carries a secret here. */
    static String strip(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
