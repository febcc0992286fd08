package io.sirsi.conformance;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** The server under test: a command to start (stdio) or an endpoint to reach (Streamable HTTP). */
public sealed interface Target {
    /** A new connection (a new process for stdio, a new session for HTTP), not yet initialized. */
    McpConnection connect();

    /** How the target is shown in reports. */
    String describe();

    /** A server started with a shell command and spoken to over stdio. */
    record Stdio(String command) implements Target {
        /** Requires a command. */
        public Stdio {
            Objects.requireNonNull(command, "command");
        }

        /**
         * A Java server's {@code main} run in a new JVM like this one, on this JVM's class path, with a
         * lean JIT and serial GC (test servers start often and live briefly), then {@code args}.
         */
        public static Stdio javaMain(Class<?> main, String... args) {
            return javaMain(java.util.List.of(), main, args);
        }

        /** The same, with extra JVM options (such as {@code -Xmx384m}). */
        public static Stdio javaMain(java.util.List<String> jvmOptions, Class<?> main, String... args) {
            String java = ProcessHandle.current().info().command().orElse("java");
            StringBuilder command = new StringBuilder(java).append(" -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
            jvmOptions.forEach(o -> command.append(' ').append(o));
            command.append(" -cp ")
                    .append(System.getProperty("java.class.path"))
                    .append(' ')
                    .append(main.getName());
            for (String a : args) {
                command.append(' ').append(a);
            }
            return new Stdio(command.toString());
        }

        @Override
        public StdioConnection connect() {
            return StdioConnection.start(command);
        }

        @Override
        public String describe() {
            return "stdio: " + command;
        }
    }

    /** A server reached over Streamable HTTP, with extra headers (for example Authorization). */
    record Http(URI url, Map<String, String> headers) implements Target {
        /** Requires a URL; copies the headers. */
        public Http {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        /** A target without extra headers. */
        public static Http of(URI url) {
            return new Http(url, Map.of());
        }

        @Override
        public HttpConnection connect() {
            return HttpConnection.open(url, headers);
        }

        @Override
        public String describe() {
            return "http: " + url;
        }
    }
}
