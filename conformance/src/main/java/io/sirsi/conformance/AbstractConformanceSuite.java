package io.sirsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance checks as a JUnit 5 suite: a server's test runs them through a subclass of a few
 * lines that says how to reach the server. Each check becomes one test; a check that does not apply
 * is reported as skipped, unless the subclass says it must apply.
 *
 * <pre>{@code
 * class MyServerStdioConformanceTest extends AbstractConformanceSuite {
 *     protected Target target() { return new Target.Stdio("java -jar target/my-server.jar"); }
 * }
 * }</pre>
 */
public abstract class AbstractConformanceSuite {
    /** The server under test. */
    protected abstract Target target();

    /** Checks that must not be skipped for this server, because it has what they need. */
    protected Set<String> mustApply() {
        return Set.of();
    }

    /** One dynamic test per check. */
    @TestFactory
    Stream<DynamicTest> conformance() {
        List<CheckResult> results = Conformance.run(target());
        Set<String> required = mustApply();
        for (String id : required) {
            if (results.stream().noneMatch(r -> r.id().equals(id))) {
                throw new AssertionError("no check has the id " + id);
            }
        }
        return results.stream()
                .map(r -> DynamicTest.dynamicTest(r.id() + ": " + r.title(), () -> {
                    if (required.contains(r.id())) {
                        assertNotEquals(Outcome.SKIP, r.outcome(), r.line());
                    }
                    assumeTrue(r.outcome() != Outcome.SKIP, r.detail());
                    assertEquals(Outcome.PASS, r.outcome(), r.line());
                }));
    }
}
