package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executive summary through MCP sampling, with the official TypeScript SDK client as the peer
 * (conformance/node/sampling-client.mjs): it declares sampling and answers createMessage with a known
 * text, then with an image. The report uses the text, and falls back to the template when the client
 * answers with something else or the caller asks for the template.
 */
class SamplingTest {
    private static final String ANSWER =
            "Sampled summary 7f3a: the estate moves to Azure in six waves, " + "and the model wrote this paragraph";

    @Test
    void theClientsModelWritesTheSummaryWhenItCanAndTheTemplateOtherwise() throws Exception {
        JsonNode report;
        try (RunningServer server =
                Main.server(ServerOptions.parse(new String[] {})).startHttp(ServerOptions.httpOnFreePort())) {
            Process client = new ProcessBuilder(List.of(
                            ReportFixtures.node().toString(),
                            ReportFixtures.repositoryRoot()
                                    .resolve("conformance/node/sampling-client.mjs")
                                    .toString(),
                            "--url",
                            server.endpoint().toString(),
                            "--answer",
                            ANSWER,
                            "--estate",
                            "kulturio",
                            "--target",
                            "azure"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(2, TimeUnit.MINUTES), "the TypeScript client did not finish");
            report = JsonMapper.shared().readTree(out);
        }
        assertTrue(
                report.path("ok").asBoolean(),
                "the TypeScript client failed: " + report.path("error").asString(""));

        JsonNode sampled = report.path("sampled");
        assertEquals(
                "sampling", sampled.path("structured").path("summarySource").asString(), sampled.toString());
        String md = sampled.path("markdown").asString();
        assertTrue(md.contains(ANSWER), "the model's text is the summary");
        assertTrue(md.contains("Summary written by the client's model (MCP sampling)"));
        assertTrue(!md.contains("kulturio runs 113 resources"), "not the template");
        assertEquals(1, sampled.path("samplingRequestsSoFar").asInt());
        assertTrue(sampled.path("links").valueStream().anyMatch(l -> l.asString()
                .equals(sampled.path("structured").path("uris").path("markdown").asString())));

        JsonNode request = report.path("requests").path(0);
        assertEquals(600, request.path("maxTokens").asInt());
        assertTrue(request.path("systemPrompt").asString().contains("executive summary"));
        String prompt =
                request.path("messages").path(0).path("content").path("text").asString();
        JsonNode figures = sampled.path("structured").path("figures");
        assertTrue(prompt.contains("Estate: kulturio"), prompt);
        assertTrue(prompt.contains(Money.of(figures.path("currentMonthly").asDouble())), prompt);
        assertTrue(
                prompt.contains(Money.of(figures.path("targetOnDemandMonthly").asDouble())), prompt);
        assertTrue(
                prompt.contains("Security findings: " + figures.path("findings").asInt()), prompt);

        JsonNode forced = report.path("forcedTemplate");
        assertEquals("template", forced.path("structured").path("summarySource").asString());
        assertEquals(1, forced.path("samplingRequestsSoFar").asInt(), "summary: template does not ask the model");
        assertTrue(forced.path("markdown").asString().contains("kulturio runs 113 resources"));

        JsonNode image = report.path("notText");
        assertEquals(2, image.path("samplingRequestsSoFar").asInt(), "the model was asked again");
        assertEquals("template", image.path("structured").path("summarySource").asString(), "an image is no summary");
        assertTrue(image.path("markdown").asString().contains("kulturio runs 113 resources"));
        assertTrue(!image.path("markdown").asString().contains(ANSWER));
    }
}
