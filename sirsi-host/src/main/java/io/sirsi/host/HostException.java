package io.sirsi.host;

/** The root of the host's unchecked exceptions: a bad manifest, a server that does not start or answer. */
public class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message meant for people. */
    public HostException(String message) {
        super(message);
    }

    /** An exception with a message meant for people and the failure behind it. */
    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
