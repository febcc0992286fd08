package io.sirsi.host.session;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of a {@link Session}, one compact object, as every store keeps it. */
final class SessionJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SessionJson() {}

    static String write(Session session) {
        return JSON.writeValueAsString(session);
    }

    static Session read(String json, String where) {
        try {
            return JSON.readValue(json, Session.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SessionException(where + ": not a session: " + e.getMessage(), e);
        }
    }
}
