package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sirsi.host.HostHealth;
import io.sirsi.proto.agent.v1.SystemHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's values map to the proto's enums by name, and one the proto lacks maps to UNSPECIFIED. */
class GrpcMessagesTest {
    @Test
    void everyHealthStatusOfTheHostHasItsProtoValue() {
        assertEquals(SystemHealth.Status.OK, status("ok"));
        assertEquals(SystemHealth.Status.DEGRADED, status("degraded"));
        assertEquals(SystemHealth.Status.STOPPING, status("stopping"));
        assertEquals(SystemHealth.Status.STATUS_UNSPECIFIED, status("confused"));
    }

    private static SystemHealth.Status status(String status) {
        return GrpcMessages.health(new HostHealth(status, "playbook", "file", "off", 1, List.of()))
                .getStatus();
    }
}
