package io.sirsi.host.session;

import io.sirsi.host.HostException;

/** A session store failed: its backend is unreachable, its data unreadable, or a session is malformed. */
public class SessionException extends HostException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message meant for people. */
    public SessionException(String message) {
        super(message);
    }

    /** An exception with a message meant for people and the failure behind it. */
    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
