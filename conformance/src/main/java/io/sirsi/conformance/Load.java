package io.sirsi.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The load side of the benchmark, kept lean so that it is not what gets measured: over stdio one
 * reader thread keeps N requests in flight on the pipe; over HTTP each of N callers owns a keep-alive
 * connection and a platform thread and speaks HTTP/1.1 directly.
 */
final class Load {
    /** Latencies in nanoseconds, the number of failed calls, and the wall time. */
    record Measured(long[] latencies, long errors, long nanos) {}

    private Load() {}

    /** N requests in flight over one stdio pipe for {@code duration}. */
    static Measured stdio(String command, String request, int concurrency, Duration warmup, Duration duration) {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", "exec " + command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new ConformanceException("cannot start " + command + ": " + e.getMessage(), e);
        }
        try (OutputStream rawOut = process.getOutputStream();
                var in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            var out = new BufferedOutputStream(rawOut, 1 << 16);
            line(
                    out,
                    Wire.request(0, "initialize", Wire.initializeParams(Context.LATEST))
                            .toString());
            out.flush();
            JsonNode init = Wire.JSON.readTree(in.readLine());
            if (init.has("error")) {
                throw new ConformanceException("initialize failed: " + Wire.brief(init));
            }
            line(out, Wire.notification("notifications/initialized", null).toString());
            String prefix = request.substring(0, request.indexOf("\"id\":") + 5);
            String suffix = request.substring(request.indexOf(',', request.indexOf("\"id\":")));
            long warmEnd = System.nanoTime() + warmup.toNanos();
            pipeline(in, out, prefix, suffix, concurrency, warmEnd, new ArrayList<>(), new AtomicLong());
            List<Long> latencies = new ArrayList<>(1 << 20);
            var errors = new AtomicLong();
            long start = System.nanoTime();
            pipeline(in, out, prefix, suffix, concurrency, start + duration.toNanos(), latencies, errors);
            long elapsed = System.nanoTime() - start;
            return new Measured(latencies.stream().mapToLong(Long::longValue).toArray(), errors.get(), elapsed);
        } catch (IOException e) {
            throw new ConformanceException("the stdio load failed: " + e.getMessage(), e);
        } finally {
            process.destroy();
        }
    }

    private static void pipeline(
            BufferedReader in,
            OutputStream out,
            String prefix,
            String suffix,
            int concurrency,
            long deadline,
            List<Long> latencies,
            AtomicLong errors)
            throws IOException {
        Map<Long, Long> sentAt = new java.util.HashMap<>();
        long nextId = System.nanoTime() & 0xFFFFFFFL;
        for (int i = 0; i < concurrency; i++) {
            sentAt.put(nextId, System.nanoTime());
            line(out, prefix + nextId++ + suffix);
        }
        out.flush();
        while (!sentAt.isEmpty()) {
            String text = in.readLine();
            if (text == null) {
                throw new ConformanceException("the server closed stdout during the benchmark");
            }
            JsonNode message = Wire.JSON.readTree(text);
            if (!message.has("id") || message.has("method")) {
                continue;
            }
            Long started = sentAt.remove(message.get("id").asLong());
            if (started == null) {
                continue;
            }
            long now = System.nanoTime();
            if (message.has("error") || message.path("result").path("isError").asBoolean(false)) {
                errors.incrementAndGet();
            } else {
                latencies.add(now - started);
            }
            if (now < deadline) {
                sentAt.put(nextId, System.nanoTime());
                line(out, prefix + nextId++ + suffix);
                if (!in.ready()) {
                    out.flush();
                }
            } else {
                out.flush();
            }
        }
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** N callers, each on its own keep-alive connection, for {@code duration}. */
    static Measured http(
            URI url, Map<String, String> headers, String request, int concurrency, Duration warmup, Duration duration) {
        run(url, headers, request, concurrency, System.nanoTime() + warmup.toNanos(), false);
        long start = System.nanoTime();
        List<long[]> all = run(url, headers, request, concurrency, start + duration.toNanos(), true);
        long elapsed = System.nanoTime() - start;
        long errors = all.stream().mapToLong(a -> a[a.length - 1]).sum();
        long[] latencies = all.stream()
                .flatMapToLong(a -> Arrays.stream(a, 0, a.length - 1))
                .toArray();
        return new Measured(latencies, errors, elapsed);
    }

    private static List<long[]> run(
            URI url, Map<String, String> headers, String request, int concurrency, long deadline, boolean keep) {
        List<long[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            long firstId = (c + 1) * 1_000_000_000L + (keep ? 500_000_000L : 0);
            callers.add(Thread.ofPlatform()
                    .start(() -> results.add(caller(url, headers, request, firstId, deadline, keep))));
        }
        for (Thread t : callers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return results;
    }

    /**
     * One caller's latencies, with its error count appended as the last element. Every request has an
     * id of its own: a session may not reuse the id of a request still in flight.
     */
    private static long[] caller(
            URI url, Map<String, String> headers, String request, long firstId, long deadline, boolean keep) {
        long[] latencies = new long[1024];
        int count = 0;
        long errors = 0;
        long nextId = firstId;
        String prefix = request.substring(0, request.indexOf("\"id\":") + 5);
        String suffix = request.substring(request.indexOf(',', request.indexOf("\"id\":")));
        var head = new StringBuilder("POST ")
                .append(url.getRawPath())
                .append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost())
                .append(':')
                .append(url.getPort())
                .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        String headText = head.toString();
        Socket socket = null;
        try {
            while (System.nanoTime() < deadline) {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
                    socket.setSoTimeout(30_000);
                }
                InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 14);
                OutputStream out = socket.getOutputStream();
                byte[] body = (prefix + nextId++ + suffix).getBytes(StandardCharsets.UTF_8);
                byte[] requestBytes = concat(
                        (headText + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                        body);
                long t0 = System.nanoTime();
                out.write(requestBytes);
                out.flush();
                Response response = read(in);
                long t1 = System.nanoTime();
                boolean ok = response.status() == 200 && response.succeeded();
                if (!ok) {
                    errors++;
                } else if (keep) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = t1 - t0;
                }
                if (response.close()) {
                    socket.close();
                    socket = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            errors++;
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
        long[] out = Arrays.copyOf(latencies, count + 1);
        out[count] = errors;
        return out;
    }

    private record Response(int status, boolean succeeded, boolean close) {}

    /** Reads one HTTP/1.1 response (Content-Length or chunked; JSON or SSE) and judges the MCP answer. */
    private static Response read(InputStream in) throws IOException {
        String status = headerLine(in);
        int code = Integer.parseInt(status.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String line;
        while (!(line = headerLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        var body = new ByteArrayOutputStream(512);
        if (chunked) {
            while (true) {
                int size = Integer.parseInt(headerLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    headerLine(in);
                    break;
                }
                body.write(in.readNBytes(size));
                headerLine(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        }
        String text = body.toString(StandardCharsets.UTF_8);
        return new Response(code, succeeded(text), close);
    }

    /** Whether the body (one JSON message, or an SSE stream whose last message is the answer) is a success. */
    private static boolean succeeded(String text) {
        String json = text.trim();
        if (!json.startsWith("{")) {
            String last = null;
            for (String l : json.split("\n")) {
                if (l.startsWith("data:") && l.length() > 6) {
                    last = l.substring(5).trim();
                }
            }
            if (last == null) {
                return false;
            }
            json = last;
        }
        JsonNode message = Wire.JSON.readTree(json);
        return message.has("result") && !message.path("result").path("isError").asBoolean(false);
    }

    private static String headerLine(InputStream in) throws IOException {
        var line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0 && line.isEmpty()) {
            throw new IOException("the server closed the connection");
        }
        return line.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
