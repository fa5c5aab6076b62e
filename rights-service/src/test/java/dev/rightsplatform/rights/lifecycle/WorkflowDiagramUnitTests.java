package dev.rightsplatform.rights.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.type.RequestType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's workflow diagram is the one drawn from the declaration: change one, and this says what to paste. */
class WorkflowDiagramUnitTests {

    @Test
    void theReadmeShowsTheDeclaredWorkflow() throws IOException {
        var readme = Files.readString(Path.of("README.md"));
        var begin = readme.indexOf(WorkflowDiagram.BEGIN);
        var end = readme.indexOf(WorkflowDiagram.END);
        assertThat(begin).as("README.md has the generated workflow diagram").isNotNegative();
        assertThat(readme.substring(begin, end + WorkflowDiagram.END.length()))
                .as("rights-service/README.md must hold exactly this (paste it in):%n%s", WorkflowDiagram.markdown())
                .isEqualTo(WorkflowDiagram.markdown());
    }

    @Test
    void everyStepThatSendsTasksSendsItsOwnAction() {
        for (var step : Step.values()) {
            if (step.action() != null) {
                assertThat(Step.of(step.action())).isEqualTo(step);
            }
        }
        for (var action : dev.rightsplatform.rights.task.TaskAction.values()) {
            assertThat(Step.of(action).action()).isEqualTo(action);
        }
    }

    @Test
    void aDeregistrationDisablesCoolsOffThenErasesAndACancelledCoolingOffReenables() {
        assertThat(Workflow.of(RequestType.DEREGISTER))
                .containsExactly(Step.PRECHECK, Step.DISABLE, Step.COOLING_OFF, Step.ERASE);
        assertThat(Workflow.after(RequestType.DEREGISTER, Step.DISABLE)).isEqualTo(Step.COOLING_OFF);
        assertThat(Step.DISABLE.undoneBy()).isEqualTo(Step.REENABLE);
        assertThat(Step.COOLING_OFF.cancellable()).isTrue();
        assertThat(Step.ERASE.cancellable()).isFalse();
        assertThat(Step.ERASE.sequence(3)).isEqualTo(13);
        assertThat(Workflow.after(RequestType.EXPORT, Step.COLLECT)).isEqualTo(Step.BUILD_EXPORT);
        assertThat(Workflow.after(RequestType.ACCESS, Step.COLLECT)).isNull();
    }
}
