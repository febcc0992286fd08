package io.sirsi.host.api;

import io.sirsi.host.AgentStatus;
import io.sirsi.host.HostHealth;
import io.sirsi.host.RequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies of the HTTP API: health and errors. */
final class HttpJson {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpJson() {}

    static String health(HostHealth h) {
        return JSON.writeValueAsString(healthBody(h));
    }

    static Map<String, Object> healthBody(HostHealth h) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", h.status());
        body.put("reasoner", h.reasoner());
        body.put("sessions", h.sessions());
        body.put("graph", h.graph());
        body.put("uptimeSeconds", h.uptimeSeconds());
        body.put("agents", agents(h.agents()));
        return body;
    }

    static List<Map<String, Object>> agents(List<AgentStatus> agents) {
        return agents.stream().map(HttpJson::agent).toList();
    }

    static Map<String, Object> agent(AgentStatus a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("state", a.state());
        m.put("transport", a.transport());
        m.put("tools", a.tools());
        m.put("version", a.version());
        m.put("error", a.error());
        m.put("calls", a.calls());
        m.put("failedCalls", a.failedCalls());
        return m;
    }

    static String error(RequestException e) {
        return JSON.writeValueAsString(Map.of("error", Map.of("code", e.kind().code(), "message", e.getMessage())));
    }
}
