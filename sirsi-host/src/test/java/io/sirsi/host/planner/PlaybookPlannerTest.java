package io.sirsi.host.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intent matching and slot filling of the bundled playbooks, with the real in-process embedding model. */
class PlaybookPlannerTest {
    static PlaybookPlanner planner;

    @BeforeAll
    static void load() {
        planner = PlaybookPlanner.create();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Which Kulturio machines can anyone on the internet reach? | exposure",
                "show kulturio's public-facing attack surface | exposure",
                "is anything in uniedu open to the whole internet? | exposure",
                "Which of tvfone's services face the public internet? | exposure",
                "we want to move uniedu onto Amazon Web Services, can you plan it? | plan-migration",
                "Shift kulturio over to Azure and write the Bicep for it | plan-migration",
                "how would tvfone lift and shift to google cloud? | plan-migration",
                "how good is the security of the uniedu estate? | security-posture",
                "list the compliance problems in kulturio | security-posture",
                "Put together a migration report of tvfone moving to aws | report",
                "I need an executive report on moving kulturio to gcp | report"
            })
    void matchesParaphrasesToTheirPlaybook(String message, String playbook) {
        Plan plan = planner.plan(message);
        Plan.Run run = assertInstanceOf(Plan.Run.class, plan, () -> message + " gave " + plan.text());
        assertEquals(playbook, run.playbook(), message + " scored " + run.score());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "what is the weather like in Lisbon tomorrow?",
                "tell me a joke about cats",
                "what is the capital of France?"
            })
    void declinesUnrelatedMessagesWithWhatItCanDo(String message) {
        Plan plan = planner.plan(message);
        assertInstanceOf(Plan.Decline.class, plan, () -> message + " matched " + plan.text());
        assertTrue(plan.text().startsWith("I can help with: "), plan.text());
        assertTrue(plan.text().contains("plan a migration"), plan.text());
    }

    @Test
    void asksForTheEstateWhenTheMessageNamesNone() {
        Plan plan = planner.plan("what is exposed to the internet?");
        Plan.Clarify clarify = assertInstanceOf(Plan.Clarify.class, plan, plan::text);
        assertEquals("exposure", clarify.playbook());
        assertEquals("estate", clarify.slot());
        assertEquals("Which estate: kulturio, tvfone or uniedu?", clarify.text());
    }

    @Test
    void asksForTheTargetCloudOfAMigration() {
        Plan plan = planner.plan("plan a migration of TVFone with Terraform");
        Plan.Clarify clarify = assertInstanceOf(Plan.Clarify.class, plan, plan::text);
        assertEquals("target", clarify.slot());
        assertTrue(clarify.text().contains("aws, azure or gcp"), clarify.text());
    }

    @Test
    void fillsSlotsFromSynonymsIgnoringCaseAndDefaultsTheFormat() {
        Plan.Run run = assertInstanceOf(Plan.Run.class, planner.plan("plan a migration of KULTURIO to Microsoft"));
        assertEquals(Map.of("estate", "kulturio", "target", "azure", "format", "terraform"), run.slots());
        assertEquals(Set.of("migration"), run.servers(), "only the servers its steps call");

        run = assertInstanceOf(
                Plan.Run.class, planner.plan("plan a migration of uniedu to Amazon with CloudFormation"));
        assertEquals(Map.of("estate", "uniedu", "target", "aws", "format", "cloudformation"), run.slots());

        run = assertInstanceOf(Plan.Run.class, planner.plan("what is exposed to the internet in TVFone?"));
        assertEquals(Map.of("estate", "tvfone"), run.slots());
        assertEquals(Set.of("security"), run.servers());
    }
}
