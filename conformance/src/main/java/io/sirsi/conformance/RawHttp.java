package io.sirsi.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Hand-written HTTP/1.1 requests, for the headers the JDK client will not send (such as Host). */
final class RawHttp {
    private RawHttp() {}

    /** Sends a POST with the given Host and Origin headers and returns the status code. */
    static int post(URI url, String host, String origin, String body) {
        return post(url, host, origin, java.util.Map.of(), body);
    }

    /** Sends a POST with the given Host and Origin headers, plus extra headers, and returns the status code. */
    static int post(URI url, String host, String origin, java.util.Map<String, String> extra, String body) {
        StringBuilder more = new StringBuilder();
        extra.forEach(
                (name, value) -> more.append(name).append(": ").append(value).append("\r\n"));
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + more
                + "Content-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        int port = url.getPort() > 0 ? url.getPort() : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new ConformanceException("not an HTTP response: " + statusLine);
            }
            return Integer.parseInt(parts[1]);
        } catch (IOException | NumberFormatException e) {
            throw new ConformanceException("raw POST to " + url + " failed: " + e.getMessage(), e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
