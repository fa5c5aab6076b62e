package dev.rightsplatform.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What start-up refuses in a template file, so a broken translation never reaches a person. */
class TemplateChecksUnitTests {

    private static final String WHERE = "mail/xx/request-refused.txt";

    @Test
    void refusesATemplateThatLeavesOutWhatTheLawRequires() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(WHERE, "Subject: No\n\nWe refuse.", Set.of("reason")))
                .withMessage(WHERE + " must use {reason}");
    }

    @Test
    void refusesUnknownPlaceholdersAndAMissingSubject() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(WHERE, "Subject: x\n\n{why}", Set.of()))
                .withMessageContaining("unknown placeholder {why}");
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(WHERE, "We refuse. {reason}", Set.of()))
                .withMessageContaining("Subject");
    }

    @Test
    void refusesARetentionItemLabelThatLeavesOutTheBasisOrUsesOtherPlaceholders() {
        String where = "mail/xx/labels.properties";
        assertThatIllegalStateException()
                .isThrownBy(() -> LabelChecks.checkRetentionItem(where, "- {category} until {until}"))
                .withMessage(where + ": retention.item must use {basis}");
        assertThatIllegalStateException()
                .isThrownBy(() -> LabelChecks.checkRetentionItem(where, "{category} {basis} {until} {reference}"))
                .withMessageContaining("unknown placeholder {reference}");
        LabelChecks.checkRetentionItem(where, "{until}: {category} ({basis})");
    }

    @Test
    void refusesACompletedTemplateThatDoesNotTellOfRetainedData() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MailTemplates.Template.parse(
                        "mail/xx/request-completed.txt", "Subject: Done\n\nDone.", Set.of("retention")))
                .withMessage("mail/xx/request-completed.txt must use {retention}");
    }

    @Test
    void splitsSubjectAndBody() {
        MailTemplates.Template template =
                MailTemplates.Template.parse(WHERE, "Subject: No ({reference})\n\n{reason}\n", Set.of("reason"));

        assertThat(template.subject()).isEqualTo("No ({reference})");
        assertThat(template.body()).isEqualTo("{reason}\n");
    }
}
