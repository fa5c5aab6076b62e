package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.type.RequestType;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@link Workflow} as mermaid state diagrams, one per request type, for rights-service/README.md: the README
 * holds this text between {@link #BEGIN} and {@link #END}, and {@code WorkflowDiagramUnitTests} fails when the two
 * differ, so the diagram cannot drift from the declaration.
 */
final class WorkflowDiagram {

    static final String BEGIN =
            "<!-- workflow diagram: generated from lifecycle/Workflow by WorkflowDiagramUnitTests -->";
    static final String END = "<!-- end of workflow diagram -->";

    private WorkflowDiagram() {}

    static String markdown() {
        var out = new ArrayList<String>();
        out.add(BEGIN);
        for (var type : RequestType.values()) {
            out.add("");
            out.add("`" + type + "`");
            out.add("");
            out.add("```mermaid");
            out.addAll(diagram(type));
            out.add("```");
        }
        out.add(END);
        return String.join("\n", out);
    }

    static List<String> diagram(RequestType type) {
        var steps = Workflow.of(type);
        var lines = new ArrayList<String>();
        lines.add("stateDiagram-v2");
        lines.add("    direction LR");
        lines.add("    [*] --> " + steps.get(0) + ": started");
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var next = i + 1 < steps.size() ? steps.get(i + 1).name() : "[*]";
            if (step.action() != null) {
                lines.add("    " + step + ": " + step + " sends " + step.action());
            }
            lines.add("    " + step + " --> " + next + ": " + step.completion().text()
                    + (next.equals("[*]") ? ", COMPLETED" : ""));
            if (step.failure() != Step.Failure.NONE) {
                lines.add("    " + step + " --> NEEDS_ATTENTION: "
                        + step.failure().text());
            }
            if (step.cancellable()) {
                for (var done : steps.subList(0, i)) {
                    var undo = done.undoneBy();
                    if (undo != null) {
                        lines.add("    " + undo + ": " + undo + " sends " + undo.action());
                        lines.add("    " + step + " --> " + undo + ": cancelled, undoes " + done);
                        lines.add("    " + undo + " --> [*]: CANCELLED");
                    }
                }
            }
        }
        return lines;
    }
}
